import { randomUUID } from "node:crypto";
import { ReservationCreated } from "@marquee/events/contracts/inventory";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import type { ReserveError } from "../domain/errors";
import {
  capKeyOf,
  checkSeatRequest,
  checkSeatsOfEvent,
  seatTaken,
  type SeatFacts,
} from "../domain/hold-rules";
import { fail, ok, type Result } from "@marquee/service/result";
import type { InventoryDeps } from "./deps";
import { toReservationView, type ReservationView } from "./reservation-view";

export type ReserveSeatsInput = {
  customerId: string;
  /** The token's email: the per-customer cap counts by it (lower-cased), across guest and account. */
  customerEmail: string;
  eventId: string;
  seatIds: readonly string[];
  cause: EventCause;
};

/**
 * Holds seats of one event for one customer, all or nothing. Cheap checks first, from memory
 * (request shape, seats of this event), then the per-seat Redis locks in one round trip, then the
 * database step in one statement (batched with the other holds waiting in this process), in which a conditional UPDATE is the final guard, the cap is
 * counted per email and the reservation-created event is recorded.
 */
export const reserveSeats = async (
  deps: InventoryDeps,
  input: ReserveSeatsInput,
): Promise<Result<ReservationView, ReserveError>> => {
  const request = checkSeatRequest(input.seatIds);
  if (!request.ok) return request;
  const seatIds = request.value;

  const known = checkSeatsOfEvent(
    input.eventId,
    seatIds,
    await deps.seatFacts.lookup(input.eventId, seatIds),
  );
  if (!known.ok) return known;
  const seats = known.value;

  let release: (() => Promise<void>) | null = null;
  try {
    const lock = await deps.locks.acquire(seatIds);
    if (!lock.acquired) {
      const seat = seats.find((s) => s.id === lock.seatId);
      return fail(seat ? seatTaken(seat) : { kind: "unknown-seat", seatId: lock.seatId });
    }
    release = lock.release;
  } catch (error) {
    // Redis is an optimisation here, not the guarantee: without it the database still refuses
    // double holds, so keep selling rather than fail every request while Redis is away.
    deps.log.warn({ err: error }, "seat locks unavailable; relying on the database guard alone");
  }

  try {
    const held = await holdInDatabase(deps, input, seats);
    if (held.ok) deps.relay.nudge();
    return held;
  } finally {
    if (release) {
      await release().catch((error: unknown) =>
        deps.log.warn({ err: error }, "releasing seat locks failed; they expire on their own"),
      );
    }
  }
};

/**
 * The database step on its own: enforces the cancellation, the per-email cap and the
 * one-hold-per-seat rule whatever happened before it. Exported so tests can prove the guard
 * without Redis in front of it. `seats` are in sorted id order (as `checkSeatRequest` returns them).
 */
export const holdInDatabase = async (
  deps: Pick<InventoryDeps, "holds" | "settings" | "now">,
  input: ReserveSeatsInput,
  seats: readonly SeatFacts[],
): Promise<Result<ReservationView, ReserveError>> => {
  const { customerId, eventId } = input;
  const now = deps.now?.() ?? new Date();
  const reservationId = randomUUID();
  // Catalog publishes one currency per layout, so the seats of one event share it.
  const currency = seats[0]!.currency;
  const event = createEvent(ReservationCreated, {
    key: eventId,
    ...input.cause,
    data: {
      reservationId,
      eventId,
      customerId,
      currency,
      // Replaced in the statement by the expiry it computes from the event's own hold TTL.
      expiresAt: now.toISOString(),
      seats: seats.map((seat) => ({
        seatId: seat.id,
        section: seat.section,
        row: seat.row,
        number: seat.number,
        priceCents: seat.priceCents,
      })),
    },
  });

  const outcome = await deps.holds.hold({
    reservationId,
    eventId,
    customerId,
    customerEmail: capKeyOf(input.customerEmail),
    seatIds: seats.map((seat) => seat.id),
    currency,
    now,
    event,
  });
  switch (outcome.kind) {
    case "held":
      return ok(
        toReservationView({
          id: reservationId,
          eventId,
          status: "active",
          expiresAt: outcome.expiresAt,
          currency,
          seats,
        }),
      );
    case "seat-taken": {
      const seat = seats.find((s) => s.id === outcome.seatId) ?? seats[0]!;
      return fail(seatTaken(seat));
    }
    case "event-cancelled":
      return fail({ kind: "event-cancelled", eventId });
    case "over-customer-cap":
      return fail({
        kind: "over-customer-cap",
        limit: deps.settings.maxSeatsPerCustomer,
        alreadyHeld: outcome.alreadyHeld,
        requested: seats.length,
      });
    case "kept-for-waiting-list":
      return fail({ kind: "kept-for-waiting-list", eventId });
    case "entry-not-waiting":
      // Only an offer names an entry, and this hold is not one.
      throw new Error("a public hold was answered as a waiting-list offer");
  }
};
