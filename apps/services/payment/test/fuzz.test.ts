import { fuzzProcedures, listProcedures } from "@marquee/testkit/fuzz-procedures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppRouter } from "../src/adapters/trpc/router";
import { startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.stop());

describe("hostile input to every procedure", () => {
  it("answers every procedure's hostile inputs with a 4xx or 2xx that names no internals", async () => {
    const router = createAppRouter(h.payment.deps);
    // A real order for the generated ids to hit, paid for by its own customer's token.
    const order = await h.placeOrder();
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const called = await fuzzProcedures({
      base: h.baseUrl,
      router,
      tokens: [order.token, admin],
      ids: [order.orderId, order.eventId],
      samples: {
        pay: [
          {
            orderId: order.orderId,
            card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2099, cvc: "123" },
            idempotencyKey: "fuzz-pay-0001",
          },
        ],
      },
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
