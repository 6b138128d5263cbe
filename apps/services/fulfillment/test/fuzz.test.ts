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
    const tickets = await callTrpc<Array<{ code: string; shortCode: string }>>(
      h.baseUrl,
      "orderTickets",
      { orderId: order.orderId },
      { token: order.token, kind: "query" },
    );
    if (!tickets.ok) throw new Error(`orderTickets: ${tickets.message}`);
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const { token: staff } = await h.issuer.tokenFor({
      role: "staff",
      doorEvents: [event.eventId],
    });
    const list = await callTrpc<{ id: string }>(
      h.baseUrl,
      "createCheckInList",
      { eventId: event.eventId, name: "Main entrance" },
      { token: admin },
    );
    if (!list.ok) throw new Error(`createCheckInList: ${list.message}`);
    const called = await fuzzProcedures({
      base: h.baseUrl,
      router,
      tokens: [order.token, admin, staff],
      ids: [order.orderId, event.eventId, order.customerId, list.data.id],
      // A real list and real ticket codes (QR and short), so poisoned ones get as far as the
      // door's lookup.
      samples: {
        checkIn: tickets.data.flatMap(({ code, shortCode }) => [
          { listId: list.data.id, code },
          { listId: list.data.id, code: shortCode },
        ]),
        createCheckInList: [
          { eventId: event.eventId, name: "Gate B", sections: ["B", "C"] },
          { eventId: event.eventId, name: "Everyone" },
        ],
        checkInLists: [{ eventId: event.eventId }],
        undoLastCheckIn: [{ listId: list.data.id }],
        doorList: [{ listId: list.data.id }],
        syncCheckIns: [
          {
            listId: list.data.id,
            deviceId: "fuzz-device-0001",
            scans: tickets.data.map(({ shortCode }, i) => ({
              code: shortCode,
              scannedAt: new Date(Date.UTC(2026, 11, 12, 19, i)).toISOString(),
            })),
          },
        ],
        duplicateAdmissions: [{ eventId: event.eventId }],
      },
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
