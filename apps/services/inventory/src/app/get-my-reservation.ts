import { findReservation, type SqlTx } from "../adapters/db/inventory-store";
import type { FindReservationError } from "../domain/errors";
import { fail, ok, type Result } from "@marquee/service/result";
import { heldReservationView, type ReservationView } from "./reservation-view";

/**
 * One of the customer's holds by id, whatever its status. Someone else's hold is reported as not
 * found, like an unknown one: its existence is none of the caller's business.
 */
export const getMyReservation = async (
  db: SqlTx,
  input: { customerId: string; reservationId: string },
): Promise<Result<ReservationView, FindReservationError>> => {
  const found = await findReservation(db, input.reservationId);
  if (!found || found.customerId !== input.customerId) {
    return fail({ kind: "reservation-not-found", reservationId: input.reservationId });
  }
  return ok(heldReservationView(found));
};
