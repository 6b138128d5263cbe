import { randomUUID } from "node:crypto";
import { ReservationCreated } from "@marquee/events/contracts/inventory";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import {
  findSeats,
  holdContext,
  holdSeatsIfAvailable,
  lockCustomerForEvent,
  type SqlTx,
} from "../adapters/db/inventory-store";
import type { ReserveError } from "../domain/errors";
import {
  checkCustomerCap,
  checkSeatRequest,
  checkSeatsHoldable,
  holdExpiresAt,
  holdTtlSeconds,
  seatTaken,
  type StockedSeat,
} from "../domain/hold-rules";
import { fail, ok, type Result } from "../domain/result";
import { TX_OPTIONS, type InventoryDeps } from "./deps";
import { toReservationView, type ReservationView } from "./reservation-view";

export type ReserveSeatsInput = {
  customerId: string;
  eventId: string;
  seatIds: readonly string[];
  cause: EventCause;
};

/** Carries an expected failure out of a transaction so it rolls back, then becomes a value again. */
export class ReserveRefused extends Error {
  constructor(readonly error: ReserveError) {
    super(error.kind);
  }
}

/**
 * Holds seats of one event for one customer, all or nothing. Cheap checks first (so most losers of
 * a race never reach the database's write path), then per-seat Redis locks, then one transaction
 * in which a conditional UPDATE is the final guard and the reservation-created event is recorded.
 */
export const reserveSeats = async (
  deps: InventoryDeps,
  input: ReserveSeatsInput,
): Promise<Result<ReservationView, ReserveError>> => {
  const request = checkSeatRequest(input.seatIds);
  if (!request.ok) return request;
  const seatIds = request.value;

  const holdable = checkSeatsHoldable(input.eventId, seatIds, await findSeats(deps.db, seatIds));
  if (!holdable.ok) return holdable;
  const seats = holdable.value;

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
    const view = await deps.db.$transaction(
      (tx) => holdInDatabase(tx, deps, input, seats),
      TX_OPTIONS,
    );
    deps.relay.nudge();
    return ok(view);
  } catch (error) {
    if (error instanceof ReserveRefused) return fail(error.error);
    throw error;
  } finally {
    if (release) {
      await release().catch((error: unknown) =>
        deps.log.warn({ err: error }, "releasing seat locks failed; they expire on their own"),
      );
    }
  }
};

/**
 * The database step on its own: enforces the customer cap and the one-hold-per-seat rule whatever
 * happened before it. Exported so tests can prove the guard without Redis in front of it.
 */
export const holdInDatabase = async (
  tx: SqlTx,
  deps: Pick<InventoryDeps, "settings" | "now">,
  input: ReserveSeatsInput,
  seats: readonly StockedSeat[],
): Promise<ReservationView> => {
  const { customerId, eventId } = input;
  await lockCustomerForEvent(tx, eventId, customerId);
  const context = await holdContext(tx, eventId, customerId);
  if (context.cancelled) throw new ReserveRefused({ kind: "event-cancelled", eventId });
  const cap = checkCustomerCap({
    alreadyHeld: context.held,
    requested: seats.length,
    limit: deps.settings.maxSeatsPerCustomer,
  });
  if (!cap.ok) throw new ReserveRefused(cap.error);

  const ttl = holdTtlSeconds(context.ttl, deps.settings.holdTtlSeconds);
  const expiresAt = holdExpiresAt(deps.now?.() ?? new Date(), ttl);
  const reservationId = randomUUID();
  // Catalog publishes one currency per layout, so the seats of one event share it.
  const currency = seats[0]!.currency;
  const reservation = { id: reservationId, eventId, customerId, currency, expiresAt };

  const held = new Set(
    await holdSeatsIfAvailable(
      tx,
      reservation,
      seats.map((s) => s.id),
    ),
  );
  const lost = seats.find((seat) => !held.has(seat.id));
  if (lost) throw new ReserveRefused(seatTaken(lost));

  await enqueue(
    tx,
    createEvent(ReservationCreated, {
      key: eventId,
      ...input.cause,
      data: {
        reservationId,
        eventId,
        customerId,
        currency,
        expiresAt: expiresAt.toISOString(),
        seats: seats.map((seat) => ({
          seatId: seat.id,
          section: seat.section,
          row: seat.row,
          number: seat.number,
          priceCents: seat.priceCents,
        })),
      },
    }),
  );
  return toReservationView({
    id: reservationId,
    eventId,
    status: "active",
    expiresAt,
    currency,
    seats,
  });
};
