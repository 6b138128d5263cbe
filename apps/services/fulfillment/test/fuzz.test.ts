import { callTrpc } from "@marquee/testkit/call-trpc";
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
    const router = createAppRouter(h.fulfillment.deps);
    const event = await h.publishEvent();
    const order = await h.confirmOrder({ eventId: event.eventId });
    await h.ticketsIssued(order.orderId, 2);
    const tickets = await callTrpc<Array<{ code: string }>>(
      h.baseUrl,
      "orderTickets",
      { orderId: order.orderId },
      { token: order.token, kind: "query" },
    );
    if (!tickets.ok) throw new Error(`orderTickets: ${tickets.message}`);
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const called = await fuzzProcedures({
      base: h.baseUrl,
      router,
      tokens: [order.token, admin],
      ids: [order.orderId, event.eventId, order.customerId],
      // A real ticket code, so poisoned codes get as far as the door's lookup.
      samples: { checkIn: tickets.data.map(({ code }) => ({ code })) },
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
