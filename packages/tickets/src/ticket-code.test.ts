import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signTicketCode, verifyTicketCode } from "./ticket-code";

const key = "test-ticket-signing-key-0123456789abcdef";

describe("ticket codes", () => {
  const claims = { ticketId: randomUUID(), eventId: randomUUID() };
  const code = signTicketCode(key, claims);

  it("verifies a code it signed and recovers the ticket and event", () => {
    expect(verifyTicketCode(key, code)).toEqual(claims);
  });

  it("rejects a code signed with another key", () => {
    expect(verifyTicketCode("another-key-entirely-0123456789abcdef", code)).toBeNull();
  });

  it("rejects a code whose ticket id was swapped for another", () => {
    const other = signTicketCode(key, { ticketId: randomUUID(), eventId: claims.eventId });
    const [prefix, , mac] = code.split(".");
    const [, body] = other.split(".");
    expect(verifyTicketCode(key, `${prefix}.${body}.${mac}`)).toBeNull();
  });

  it("rejects any single altered character", () => {
    for (let i = 4; i < code.length; i += 1) {
      if (code[i] === ".") continue;
      const altered = code.slice(0, i) + (code[i] === "A" ? "B" : "A") + code.slice(i + 1);
      expect(verifyTicketCode(key, altered), `position ${i}`).toBeNull();
    }
  });

  it("rejects garbage without throwing", () => {
    for (const garbage of [
      "",
      "MQ1",
      "MQ1..",
      "hello",
      "MQ1.a.b",
      "x".repeat(10_000),
      "MQ2.aa.bb",
    ]) {
      expect(verifyTicketCode(key, garbage)).toBeNull();
    }
  });

  it("gives different codes for different tickets", () => {
    const again = signTicketCode(key, { ticketId: randomUUID(), eventId: claims.eventId });
    expect(again).not.toBe(code);
  });
});
