import { randomUUID } from "node:crypto";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Producer } from "kafkajs";
import type pg from "pg";

/**
 * Publishes a seat layout for a new event (one row of `seatCount` seats at 45.00 EUR), as catalog
 * does, and resolves once inventory has stocked every seat.
 */
export const stockEvent = async (
  { producer, db }: { producer: Producer; db: pg.Pool },
  seatCount: number,
  wait: { timeoutMs: number; intervalMs: number },
) => {
  const eventId = randomUUID();
  const seats = Array.from({ length: seatCount }, (_, i) => ({
    seatId: randomUUID(),
    section: "A",
    row: "1",
    number: i + 1,
    priceCents: 4_500,
    tier: "standard",
    accessible: false,
  }));
  const event = createEvent(SeatsGenerated, {
    key: eventId,
    correlationId: randomUUID(),
    data: {
      eventId,
      layoutId: randomUUID(),
      part: 1,
      parts: 1,
      currency: "EUR",
      holdTtlSeconds: 900,
      seats,
    },
  });
  await producer.send({
    topic: Topics.catalogEvents,
    messages: [{ key: eventId, value: JSON.stringify(event) }],
  });
  await waitFor(
    `inventory to stock ${seatCount} seats`,
    async () => {
      const { rows } = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM bc_inventory.seat WHERE event_id = $1",
        [eventId],
      );
      return Number(rows[0]?.n) === seatCount;
    },
    wait,
  );
  return { eventId, seatIds: seats.map((seat) => seat.seatId) };
};
