import { fuzzProcedures, listProcedures } from "@marquee/testkit/fuzz-procedures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppRouter } from "../src/adapters/trpc/router";
import { startHarness, type Harness } from "./harness";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

let sink: SmtpSink;
let h: Harness;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await startHarness(sink.port);
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

describe("hostile input to every procedure", () => {
  it("answers every procedure's hostile inputs with a 4xx or 2xx that names no internals", async () => {
    const router = createAppRouter(h.notification.deps);
    const customer = await h.newCustomer();
    const { orderId } = await h.placeOrder(customer);
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const called = await fuzzProcedures({
      base: h.baseUrl,
      router,
      tokens: [customer.token, admin],
      ids: [orderId, customer.id],
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
