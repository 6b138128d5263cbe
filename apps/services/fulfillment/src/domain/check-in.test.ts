import { randomUUID } from "node:crypto";
import { formatShortCode, generateShortCode } from "@marquee/tickets/short-code";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import { describe, expect, it } from "vitest";
import { decideCheckIn, readScannedCode, type ScannedCode } from "./check-in";

const ticket = {
  id: randomUUID(),
  eventId: randomUUID(),
  eventName: "Night Owls Live",
  startsAt: new Date("2026-12-12T19:00:00.000Z"),
  timeZone: "Europe/Berlin",
  eventStatus: "published" as string | null,
  section: "A",
  row: "2",
  number: 5,
  voidReason: null as string | null,
  checkedInAt: null as Date | null,
  checkedInListName: null as string | null,
};
const qr: ScannedCode = {
  kind: "qr",
  claims: { ticketId: ticket.id, eventId: ticket.eventId },
};
const short: ScannedCode = { kind: "short-code", shortCode: generateShortCode() };
const everySection = { eventId: ticket.eventId, sections: [] };
const errorOf = (result: ReturnType<typeof decideCheckIn>) => (result.ok ? null : result.error);

describe("readScannedCode", () => {
  const key = "domain-test-signing-key-0123456789abcdef";

  it("reads a signed QR payload and a short code in any case with hyphens and spaces", () => {
    const code = signTicketCode(key, qr.kind === "qr" ? qr.claims : { ticketId: "", eventId: "" });
    expect(readScannedCode(key, code)).toEqual({ ok: true, value: qr });
    const shortCode = generateShortCode();
    expect(readScannedCode(key, ` ${formatShortCode(shortCode).toLowerCase()} `)).toEqual({
      ok: true,
      value: { kind: "short-code", shortCode },
    });
  });

  it("calls a short code whose check fails a typo, anything unsigned not a code", () => {
    const shortCode = generateShortCode();
    const typo = (shortCode[0] === "7" ? "8" : "7") + shortCode.slice(1);
    expect(readScannedCode(key, typo)).toEqual({ ok: false, error: { kind: "typo" } });
    const forged = signTicketCode("another-key-0123456789abcdefghijkl", {
      ticketId: ticket.id,
      eventId: ticket.eventId,
    });
    for (const code of [forged, "hello", ticket.id]) {
      expect(readScannedCode(key, code)).toEqual({ ok: false, error: { kind: "invalid-code" } });
    }
  });
});

describe("decideCheckIn", () => {
  it("admits a valid ticket of the list's event by QR or short code", () => {
    expect(decideCheckIn(qr, everySection, ticket)).toEqual({ ok: true, value: ticket });
    expect(decideCheckIn(short, everySection, ticket)).toEqual({ ok: true, value: ticket });
  });

  it("reports no ticket, or a QR whose event is not the ticket's, as unknown", () => {
    expect(errorOf(decideCheckIn(short, everySection, null))).toEqual({ kind: "unknown-ticket" });
    const elsewhere: ScannedCode = {
      kind: "qr",
      claims: { ticketId: ticket.id, eventId: randomUUID() },
    };
    expect(errorOf(decideCheckIn(elsewhere, everySection, ticket))).toEqual({
      kind: "unknown-ticket",
    });
  });

  it("names the event of a ticket for another event", () => {
    const list = { eventId: randomUUID(), sections: [] };
    expect(errorOf(decideCheckIn(qr, list, ticket))).toEqual({
      kind: "other-event",
      event: { name: "Night Owls Live", startsAt: ticket.startsAt, timeZone: "Europe/Berlin" },
    });
    const unknown = { ...ticket, eventName: null, startsAt: null, timeZone: null };
    expect(errorOf(decideCheckIn(qr, list, unknown))).toEqual({ kind: "other-event", event: null });
  });

  it("refuses a cancelled event's ticket before saying it is void", () => {
    const cancelled = {
      ...ticket,
      eventStatus: "cancelled",
      voidReason: "the event was cancelled",
    };
    expect(errorOf(decideCheckIn(qr, everySection, cancelled))).toEqual({
      kind: "event-cancelled",
      eventName: "Night Owls Live",
    });
  });

  it("refuses a void ticket with its reason", () => {
    const refunded = { ...ticket, voidReason: "refunded" };
    expect(errorOf(decideCheckIn(qr, everySection, refunded))).toEqual({
      kind: "ticket-void",
      reason: "refunded",
    });
  });

  it("sends a seat of a section not on the list to another gate, and admits listed ones", () => {
    const gateB = { eventId: ticket.eventId, sections: ["B", "C"] };
    expect(errorOf(decideCheckIn(qr, gateB, ticket))).toEqual({
      kind: "other-gate",
      seat: { section: "A", row: "2", number: 5 },
      listSections: ["B", "C"],
    });
    expect(decideCheckIn(qr, { ...gateB, sections: ["C", "A"] }, ticket).ok).toBe(true);
  });

  it("refuses a second scan with when and on which list it came in", () => {
    const at = new Date("2026-12-12T19:05:00.000Z");
    const inside = { ...ticket, checkedInAt: at, checkedInListName: "Main entrance" };
    expect(errorOf(decideCheckIn(qr, everySection, inside))).toEqual({
      kind: "already-checked-in",
      seat: { section: "A", row: "2", number: 5 },
      checkedInAt: at,
      timeZone: "Europe/Berlin",
      listName: "Main entrance",
    });
  });
});
