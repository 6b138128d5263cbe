import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideCheckIn } from "./check-in";

const ticket = {
  id: randomUUID(),
  eventId: randomUUID(),
  section: "A",
  row: "2",
  number: 5,
  checkedInAt: null as Date | null,
};
const claims = { ticketId: ticket.id, eventId: ticket.eventId };

describe("decideCheckIn", () => {
  it("admits a genuine ticket not yet in", () => {
    expect(decideCheckIn(claims, ticket)).toEqual({ ok: true, value: ticket });
  });

  it("refuses a code that failed verification", () => {
    expect(decideCheckIn(null, ticket)).toEqual({ ok: false, error: { kind: "invalid-code" } });
  });

  it("reports a genuine code without a ticket as unknown", () => {
    expect(decideCheckIn(claims, null)).toEqual({
      ok: false,
      error: { kind: "unknown-ticket", ticketId: ticket.id },
    });
  });

  it("reports a ticket of another event as unknown", () => {
    const result = decideCheckIn({ ...claims, eventId: randomUUID() }, ticket);
    expect(result.ok ? null : result.error.kind).toBe("unknown-ticket");
  });

  it("refuses a second scan with the seat and the first scan's time", () => {
    const at = new Date("2026-12-12T19:05:00.000Z");
    expect(decideCheckIn(claims, { ...ticket, checkedInAt: at })).toEqual({
      ok: false,
      error: {
        kind: "already-checked-in",
        seat: { section: "A", row: "2", number: 5 },
        checkedInAt: at,
      },
    });
  });
});
