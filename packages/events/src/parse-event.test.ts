import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEvent } from "./define-event";
import { Topics } from "./topics";
import { ReservationCreated } from "./contracts/inventory";
import { createEvent } from "./create-event";
import { parseEvent, parseEventBytes } from "./parse-event";

const reservation = () =>
  createEvent(ReservationCreated, {
    key: randomUUID(),
    correlationId: randomUUID(),
    data: {
      reservationId: randomUUID(),
      eventId: randomUUID(),
      customerId: "user-1",
      seats: [{ seatId: randomUUID(), section: "A", row: "1", number: 3, priceCents: 4500 }],
      currency: "EUR",
      expiresAt: new Date().toISOString(),
    },
  });

describe("parseEvent", () => {
  it("round-trips an event through JSON into its typed shape", () => {
    const event = reservation();
    const result = parseEventBytes(Buffer.from(JSON.stringify(event)));
    expect(result).toEqual({ ok: true, event });
  });

  it("names the field that breaks the contract", () => {
    const event = reservation();
    const result = parseEvent({ ...event, data: { ...event.data, currency: "euro" } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain("data.currency");
  });

  it("rejects unknown types and versions newer than it knows", () => {
    const event = reservation();
    expect(parseEvent({ ...event, type: "inventory.seat-teleported" })).toEqual({
      ok: false,
      error: 'unknown event type "inventory.seat-teleported"',
    });
    const future = parseEvent({ ...event, version: 2 });
    expect(!future.ok && future.error).toContain("newer than the known 1");
  });

  it("rejects a malformed envelope and non-JSON bytes without throwing", () => {
    expect(parseEvent({ ...reservation(), id: "not-a-uuid" }).ok).toBe(false);
    expect(parseEventBytes(Buffer.from("{oops")).ok).toBe(false);
    expect(parseEventBytes(null)).toEqual({ ok: false, error: "empty message value" });
  });

  it("refuses to build an event whose data breaks its contract", () => {
    expect(() =>
      createEvent(ReservationCreated, {
        key: "k",
        correlationId: "c",
        data: { ...reservation().data, seats: [] },
      }),
    ).toThrow();
  });

  it("lifts an older version to the current shape through its upcasters", () => {
    const SeatRenamed = defineEvent({
      type: "inventory.seat-renamed",
      topic: Topics.inventoryReservations,
      version: 2,
      data: z.object({ seatId: z.string(), label: z.string() }),
      upcasters: {
        1: (old) => ({ seatId: (old as { id: string }).id, label: (old as { name: string }).name }),
      },
    });
    const v1 = {
      ...reservation(),
      type: SeatRenamed.type,
      version: 1,
      data: { id: "s1", name: "A-1-3" },
    };
    const result = parseEvent(v1, () => SeatRenamed);
    expect(result.ok && result.event).toMatchObject({
      version: 2,
      data: { seatId: "s1", label: "A-1-3" },
    });
  });
});
