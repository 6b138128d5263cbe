import { randomUUID } from "node:crypto";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { insertLayout, lockEvent, TX_OPTIONS } from "../adapters/db/catalog-store";
import { err, ok, type Result } from "../domain/errors";
import { chunk, planLayout, SEATS_PER_CHUNK, type LayoutSpec } from "../domain/layout";
import type { CatalogDeps } from "./deps";
import type { Cause } from "./event-messages";

export type GeneratedLayout = {
  eventId: string;
  layoutId: string;
  seatCount: number;
  sections: Array<{ name: string; seatCount: number }>;
  parts: number;
};

/**
 * Creates every seat of a draft event's layout and, in the same transaction, the
 * `catalog.seats-generated` chunks inventory stocks them from. A layout is generated once: its
 * seats are already stock in inventory, so replacing it is refused.
 */
export const generateLayout = async (
  deps: CatalogDeps,
  input: { eventId: string; spec: LayoutSpec; cause: Cause },
): Promise<Result<GeneratedLayout>> => {
  const layout = planLayout(input.spec, randomUUID);
  const tiers = input.spec.tiers;
  const result = await deps.db.$transaction(async (tx): Promise<Result<GeneratedLayout>> => {
    const event = await lockEvent(tx, input.eventId);
    if (!event) return err({ kind: "event-not-found", eventId: input.eventId });
    if (event.layout) return err({ kind: "layout-exists", eventId: input.eventId });
    if (event.status !== "draft")
      return err({ kind: "not-draft", eventId: input.eventId, status: event.status });
    await insertLayout(tx, input.eventId, layout);
    const seats = layout.sections.flatMap((section) =>
      section.seats.map((seat) => {
        const tier = tiers[seat.tierPosition];
        if (!tier) throw new Error(`seat ${seat.id} has no tier ${seat.tierPosition}`);
        return {
          seatId: seat.id,
          section: section.name,
          row: seat.row,
          number: seat.number,
          tier: tier.name,
          priceCents: tier.priceCents,
          accessible: seat.accessible,
        };
      }),
    );
    const parts = chunk(seats, SEATS_PER_CHUNK);
    await enqueue(
      tx,
      ...parts.map((part, i) =>
        createEvent(SeatsGenerated, {
          key: input.eventId,
          ...input.cause,
          data: {
            eventId: input.eventId,
            layoutId: layout.id,
            part: i + 1,
            parts: parts.length,
            currency: layout.currency,
            holdTtlSeconds: event.holdTtlSeconds,
            seats: part,
          },
        }),
      ),
    );
    return ok({
      eventId: input.eventId,
      layoutId: layout.id,
      seatCount: layout.seatCount,
      sections: layout.sections.map((s) => ({ name: s.name, seatCount: s.seats.length })),
      parts: parts.length,
    });
  }, TX_OPTIONS);
  if (result.ok) deps.relay.nudge();
  return result;
};
