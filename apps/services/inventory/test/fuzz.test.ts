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
    // Only the procedures' names and input schemas are read from this router.
    const router = createAppRouter(h.inventory.deps, {} as never);
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const { token: customer } = await h.issuer.tokenFor({ role: "customer" });
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const called = await fuzzProcedures({
      base: h.baseUrl,
      router,
      tokens: [customer, admin],
      ids: [eventId, ...seats.slice(0, 3).map((seat) => seat.seatId)],
      samples: {
        reserve: [{ eventId, seatIds: [seats[5]!.seatId], admission: "not-a-token" }],
      },
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
