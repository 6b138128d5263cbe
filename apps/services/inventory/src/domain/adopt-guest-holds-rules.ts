/** Why an account could not take over a guest's holds; mapped in adapters/trpc/adopt-guest-holds-errors.ts. */
export type AdoptGuestHoldsError =
  | { kind: "not-an-account" }
  | { kind: "over-customer-cap"; eventId: string; held: number; adding: number; cap: number };

/**
 * The account may take the guest's seats of an event only if, with what it holds already, it stays
 * within the per-customer cap; otherwise nothing moves (not some of the seats).
 */
export const checkAdoptionCap = (
  eventId: string,
  held: number,
  adding: number,
  cap: number,
): AdoptGuestHoldsError | null =>
  held + adding > cap ? { kind: "over-customer-cap", eventId, held, adding, cap } : null;
