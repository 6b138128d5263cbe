import { randomUUID } from "node:crypto";
import { ReservationCreated } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import type { HoldRequest } from "../src/adapters/db/hold-seats";

/** A hold request as `holdInDatabase` builds it, for tests that go straight to the database step. */
export const holdRequest = (
  eventId: string,
  seatIds: string[],
  who: { customerId?: string; email?: string } = {},
  now = new Date(),
): HoldRequest => {
  const reservationId = randomUUID();
  const customerId = who.customerId ?? randomUUID();
  return {
    reservationId,
    eventId,
    customerId,
    customerEmail: who.email ?? `${customerId}@example.com`,
    seatIds,
    currency: "EUR",
    now,
    event: createEvent(ReservationCreated, {
      key: eventId,
      correlationId: randomUUID(),
      data: {
        reservationId,
        eventId,
        customerId,
        currency: "EUR",
        expiresAt: now.toISOString(),
        seats: seatIds.map((seatId, i) => ({
          seatId,
          section: "A",
          row: "1",
          number: i + 1,
          priceCents: 4_500,
        })),
      },
    }),
  };
};
