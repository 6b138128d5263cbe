import { randomUUID } from "node:crypto";
import { ReservationCreated, WaitingListOffered } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import { startPolling, type PollingWorker } from "@marquee/events/polling";
import { readSeatMap, seatMapReadsStarted } from "../adapters/db/seat-map";
import {
  eventsToOffer,
  waitingEntriesOf,
  type WaitingListRow,
} from "../adapters/db/waiting-list-store";
import type { SeatOnMap } from "../domain/best-available";
import { chooseOfferSeats } from "../domain/waiting-list";
import type { InventoryDeps } from "./deps";

type OfferOutcome = "offered" | "seat-taken" | "skipped" | "event-cancelled";

/**
 * Offers seats that came back to the waiting list, one pass: for each event with anyone waiting
 * and ordinary seats free, each waiting entry in line order whose quantity fits what is free (in
 * its section, if it gave one) gets a hold of its own for those seats (`chooseOfferSeats`: side by
 * side when possible). Returns how many offers it made, and whether seats kept being lost to
 * others' locks (then the worker runs again at once).
 *
 * The offer is a hold like any other, with every guarantee of one: the per-seat Redis locks, then
 * `hold_seats_batch` (the seat guard, the cancelled event, the per-email cap, the event's hold
 * TTL), which in the same transaction marks the entry offered and writes waiting-list-offered next
 * to reservation-created. The entry must still be waiting there, so two processes passing at once
 * offer it once. An entry over the cap is passed over this time; a lost seat makes the pass read
 * the event's seats again.
 */
export const offerReturnedSeats = async (
  deps: InventoryDeps,
): Promise<{ offered: number; contended: boolean }> => {
  let offered = 0;
  let contended = false;
  for (const { eventId, free } of await eventsToOffer(deps.db)) {
    if (free === 0) continue;
    const pass = await offerForEvent(deps, eventId);
    offered += pass.offered;
    contended ||= pass.contended;
  }
  return { offered, contended };
};

/** Lost seats make a pass read the event's seats again, this many times at most. */
const READS_PER_PASS = 5;

const offerForEvent = async (
  deps: InventoryDeps,
  eventId: string,
): Promise<{ offered: number; contended: boolean }> => {
  let offered = 0;
  for (let read = 0; read < READS_PER_PASS; read += 1) {
    const entries = await waitingEntriesOf(deps.db, eventId);
    // A map read after now, copied (the read may be shared): seats just returned are seen free.
    const map = (await readSeatMap(deps.holdPool, eventId, seatMapReadsStarted())).map((seat) => ({
      ...seat,
    }));
    let lost = false;
    for (const entry of entries) {
      const seats = chooseSeatsFor(map, entry);
      if (!seats) continue;
      const outcome = await holdOffer(deps, entry, seats);
      if (outcome === "offered") {
        offered += 1;
        for (const seat of seats) seat.free = false;
      } else if (outcome === "event-cancelled") {
        return { offered, contended: false };
      } else if (outcome === "seat-taken") {
        // Someone else had a seat (a public hold about to be refused, another process's offer):
        // read the seats again rather than pass the entry over.
        lost = true;
        break;
      }
    }
    if (!lost) return { offered, contended: false };
  }
  return { offered, contended: true };
};

const chooseSeatsFor = (map: SeatOnMap[], entry: WaitingListRow): SeatOnMap[] | null => {
  const chosen = chooseOfferSeats(map, entry);
  if (!chosen) return null;
  // The copies in `map`, so an offer made marks them taken for the entries after it.
  const ids = new Set(chosen.map((seat) => seat.id));
  return map.filter((seat) => ids.has(seat.id));
};

const holdOffer = async (
  deps: InventoryDeps,
  entry: WaitingListRow,
  chosen: readonly SeatOnMap[],
): Promise<OfferOutcome> => {
  const seats = [...chosen].sort((a, b) => (a.id < b.id ? -1 : 1));
  const seatIds = seats.map((seat) => seat.id);
  let release: (() => Promise<void>) | null = null;
  try {
    const lock = await deps.locks.acquire(seatIds);
    if (!lock.acquired) return "seat-taken";
    release = lock.release;
  } catch (error) {
    deps.log.warn({ err: error }, "seat locks unavailable; relying on the database guard alone");
  }
  try {
    const now = deps.now?.() ?? new Date();
    const reservationId = randomUUID();
    // The offer has no request behind it: its hold and its announcement share a new correlation.
    const cause = { correlationId: randomUUID() };
    const currency = seats[0]!.currency;
    const heldSeats = seats.map((seat) => ({
      seatId: seat.id,
      section: seat.section,
      row: seat.row,
      number: seat.number,
      priceCents: seat.priceCents,
    }));
    // Both expiries are replaced in the statement by the one it computes from the event's TTL.
    const expiresAt = now.toISOString();
    const outcome = await deps.holds.hold({
      reservationId,
      eventId: entry.eventId,
      customerId: entry.customerId,
      customerEmail: entry.customerEmail,
      seatIds,
      currency,
      now,
      event: createEvent(ReservationCreated, {
        key: entry.eventId,
        ...cause,
        data: {
          reservationId,
          eventId: entry.eventId,
          customerId: entry.customerId,
          currency,
          expiresAt,
          seats: heldSeats,
        },
      }),
      offer: {
        entryId: entry.id,
        event: createEvent(WaitingListOffered, {
          key: entry.eventId,
          ...cause,
          data: {
            entryId: entry.id,
            eventId: entry.eventId,
            customerId: entry.customerId,
            email: entry.customerEmail,
            reservationId,
            seats: heldSeats,
            currency,
            expiresAt,
          },
        }),
      },
    });
    switch (outcome.kind) {
      case "held":
        deps.relay.nudge();
        deps.log.info(
          { eventId: entry.eventId, entryId: entry.id, reservationId, seats: seatIds.length },
          "returned seats offered to the waiting list",
        );
        return "offered";
      case "seat-taken":
        return "seat-taken";
      case "event-cancelled":
        return "event-cancelled";
      case "over-customer-cap":
      case "entry-not-waiting":
        // Holding other seats already, or left / offered by another process meanwhile.
        return "skipped";
      case "kept-for-waiting-list":
        throw new Error("an offer was refused as a public hold");
    }
  } finally {
    if (release) {
      await release().catch((error: unknown) =>
        deps.log.warn({ err: error }, "releasing seat locks failed; they expire on their own"),
      );
    }
  }
};

export type OfferWorker = PollingWorker;

/**
 * Runs `offerReturnedSeats` every `intervalMs`, and at once when woken (the sweeper or a release
 * in this process just freed seats), so returned seats reach the list within moments.
 */
export const startOfferWorker = (deps: InventoryDeps, opts: { intervalMs: number }): OfferWorker =>
  startPolling(
    async () => {
      const { contended } = await offerReturnedSeats(deps);
      // Still losing seats after several reads: go again at once rather than at the next pass.
      return { moreWaiting: contended };
    },
    { intervalMs: opts.intervalMs, log: deps.log, what: "waiting-list offers" },
  );
