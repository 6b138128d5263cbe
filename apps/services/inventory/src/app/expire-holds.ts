import { ReservationExpired } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { startPolling, type PollingWorker } from "@marquee/events/polling";
import { randomUUID } from "node:crypto";
import {
  closeReservations,
  freeHeldSeats,
  pickExpiredReservations,
  seatIdsOf,
} from "../adapters/db/inventory-store";
import { TX_OPTIONS, type InventoryDeps } from "./deps";

/**
 * Expires one batch of holds past their time: marks them expired, frees the seats they still
 * have and announces reservation-expired, all in one transaction. `FOR UPDATE SKIP LOCKED` lets
 * any number of workers run side by side; each hold is expired, and announced, exactly once.
 * Returns how many holds it expired.
 */
export const expireHolds = async (
  deps: Pick<InventoryDeps, "db" | "relay" | "offers">,
  batchSize: number,
): Promise<number> => {
  const expired = await deps.db.$transaction(async (tx) => {
    const due = await pickExpiredReservations(tx, batchSize);
    if (due.length === 0) return 0;
    const ids = due.map((r) => r.id);
    await closeReservations(tx, ids, "expired");
    await freeHeldSeats(tx, ids);
    const seats = await seatIdsOf(tx, ids);
    // Expiry has no request behind it: each hold's announcement starts its own correlation.
    await enqueue(
      tx,
      ...due.map((r) =>
        createEvent(ReservationExpired, {
          key: r.eventId,
          correlationId: randomUUID(),
          data: {
            reservationId: r.id,
            eventId: r.eventId,
            customerId: r.customerId,
            seatIds: seats.get(r.id) ?? [],
          },
        }),
      ),
    );
    return due.length;
  }, TX_OPTIONS);
  if (expired > 0) {
    deps.relay.nudge();
    // Seats came back: the waiting list is offered them before anyone else can hold them.
    deps.offers?.nudge();
  }
  return expired;
};

export type ExpiryWorker = PollingWorker;

/**
 * Runs `expireHolds` every `intervalMs`, straight away again while batches come back full, and
 * keeps going through database errors (logged once per outage).
 */
export const startExpiryWorker = (
  deps: Pick<InventoryDeps, "db" | "relay" | "log" | "offers">,
  opts: { intervalMs: number; batchSize: number },
): ExpiryWorker =>
  startPolling(
    async () => {
      const expired = await expireHolds(deps, opts.batchSize);
      if (expired > 0) deps.log.info({ expired }, "holds expired");
      return { moreWaiting: expired >= opts.batchSize };
    },
    { intervalMs: opts.intervalMs, log: deps.log, what: "hold expiry" },
  );
