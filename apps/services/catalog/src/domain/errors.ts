/** Expected refusals of catalog's use cases, mapped to tRPC errors at the edge. */
export type CatalogError =
  | { kind: "event-not-found"; eventId: string }
  | { kind: "venue-not-found"; venueId: string }
  | { kind: "layout-missing"; eventId: string }
  | { kind: "layout-exists"; eventId: string }
  | { kind: "event-cancelled"; eventId: string }
  | { kind: "not-draft"; eventId: string; status: string }
  | { kind: "invalid-sales-settings"; field: "salesOpenAt" | "salesCloseAt"; message: string }
  | { kind: "invalid-time"; field: EventTimeField; value: string };

/** The event's times an organizer sets. */
export type EventTimeField = "startsAt" | "salesOpenAt" | "salesCloseAt";

export type Result<T, E = CatalogError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
