import { fail, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import {
  countHeldSeats,
  lockCapKeys,
  lockLiveHoldsOf,
  reassignHolds,
} from "../adapters/db/guest-holds";
import { checkAdoptionCap, type AdoptGuestHoldsError } from "../domain/adopt-guest-holds-rules";
import { capKeyOf } from "../domain/hold-rules";
import { TX_OPTIONS, type InventoryDeps } from "./deps";

export type AdoptGuestHoldsInput = {
  /** The signed-in account taking the holds over. */
  account: { id: string; email: string; role: string };
  /** The guest the same browser held seats as, from its verified guest token. */
  guest: { id: string };
};

export type AdoptedHolds = { reservationIds: string[] };

/**
 * A guest who signs in keeps their seats: every live hold of the guest becomes the account's, in
 * one transaction, under the cap's lock of each event for the account's email, so the account never
 * ends up holding more than the per-customer cap (if it would, nothing moves). Holds keep their
 * expiry. Run again, it finds nothing of the guest's left and answers an empty list.
 */
export const adoptGuestHolds = async (
  deps: Pick<InventoryDeps, "db" | "settings">,
  input: AdoptGuestHoldsInput,
): Promise<Result<AdoptedHolds, AdoptGuestHoldsError>> => {
  if (input.account.role !== "customer") return fail({ kind: "not-an-account" } as const);
  const email = capKeyOf(input.account.email);
  return refusing((refuse: Refuse<AdoptGuestHoldsError>) =>
    deps.db.$transaction(async (tx) => {
      const first = await lockLiveHoldsOf(tx, input.guest.id);
      if (first.length === 0) return { reservationIds: [] };
      const events = [...new Set(first.map((h) => h.eventId))].sort();
      await lockCapKeys(tx, events, email);
      // Read again under the cap locks: a hold may have expired or been released meanwhile.
      const holds = await lockLiveHoldsOf(tx, input.guest.id);
      for (const eventId of events) {
        const adding = holds
          .filter((h) => h.eventId === eventId)
          .reduce((sum, h) => sum + h.seats, 0);
        const held = await countHeldSeats(tx, eventId, input.account.id, email);
        const over = checkAdoptionCap(eventId, held, adding, deps.settings.maxSeatsPerCustomer);
        if (over) return refuse(over);
      }
      const reservationIds = holds.map((h) => h.id);
      await reassignHolds(tx, reservationIds, input.account.id, email);
      return { reservationIds };
    }, TX_OPTIONS),
  );
};
