import { listReservations, type SqlTx } from "../adapters/db/inventory-store";
import { heldReservationView, type ReservationView } from "./reservation-view";

/** The customer's own holds, newest first, optionally for one event. */
export const listMyReservations = async (
  db: SqlTx,
  input: { customerId: string; eventId?: string | undefined; limit?: number },
): Promise<ReservationView[]> => {
  const rows = await listReservations(
    db,
    input.customerId,
    input.eventId ?? null,
    input.limit ?? 50,
  );
  return rows.map(heldReservationView);
};
