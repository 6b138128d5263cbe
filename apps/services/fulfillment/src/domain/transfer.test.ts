import { describe, expect, it } from "vitest";
import { decideTransfer, holdsTicket, type TransferCaller } from "./transfer";

const buyer: TransferCaller = { id: "buyer-1", email: "ada@example.com", emailVerified: false };
const ticket = {
  customerId: "buyer-1",
  email: "Ada@Example.com",
  holderEmail: null as string | null,
  eventStatus: "published" as string | null,
  checkedInAt: null as Date | null,
  voidReason: null as string | null,
};
const errorOf = (result: ReturnType<typeof decideTransfer>) => (result.ok ? null : result.error);

describe("holdsTicket", () => {
  it("gives a never-transferred ticket to the order's customer, a transferred one to its verified address", () => {
    expect(holdsTicket(buyer, ticket)).toBe(true);
    expect(holdsTicket({ ...buyer, id: "someone-else" }, ticket)).toBe(false);
    const sent = { ...ticket, holderEmail: "bo@example.com" };
    expect(holdsTicket(buyer, sent)).toBe(false);
    const bo = { id: "bo-1", email: "bo@example.com", emailVerified: true };
    expect(holdsTicket(bo, sent)).toBe(true);
    expect(holdsTicket({ ...bo, emailVerified: false }, sent)).toBe(false);
  });
});

describe("decideTransfer", () => {
  it("lets the holder send a valid ticket to another address", () => {
    expect(decideTransfer(buyer, ticket, "bo@example.com")).toEqual({ ok: true, value: ticket });
  });

  it("refuses, in this order: not theirs, already sent, cancelled event, void, checked in, to self", () => {
    expect(errorOf(decideTransfer(buyer, null, "bo@example.com"))).toEqual({ kind: "not-holder" });
    const sent = { ...ticket, voidReason: "transferred to another holder" };
    expect(errorOf(decideTransfer(buyer, sent, "bo@example.com"))).toEqual({
      kind: "already-transferred",
    });
    const cancelled = { ...ticket, eventStatus: "cancelled", checkedInAt: new Date() };
    expect(errorOf(decideTransfer(buyer, cancelled, "bo@example.com"))).toEqual({
      kind: "event-cancelled",
    });
    const refunded = { ...ticket, voidReason: "refunded", checkedInAt: new Date() };
    expect(errorOf(decideTransfer(buyer, refunded, "bo@example.com"))).toEqual({
      kind: "ticket-void",
      reason: "refunded",
    });
    const inside = { ...ticket, checkedInAt: new Date() };
    expect(errorOf(decideTransfer(buyer, inside, "ada@example.com"))).toEqual({
      kind: "checked-in",
    });
    // The order's address (any case) and the caller's own both count as themselves.
    expect(errorOf(decideTransfer(buyer, ticket, "ada@example.com"))).toEqual({ kind: "to-self" });
    const other = { ...buyer, email: "ada.work@example.com" };
    expect(errorOf(decideTransfer(other, ticket, "ada.work@example.com"))).toEqual({
      kind: "to-self",
    });
  });
});
