import type { EventRow } from "../adapters/db/catalog-store";
import type { CancellationPolicy } from "@marquee/events/contracts/catalog";
import type { WaitingRoomSettings } from "../domain/sales-settings";

/** An event as the web shows it (catalog → web); no database types leave the service. */
export type EventView = {
  id: string;
  name: string;
  description: string;
  startsAt: string;
  timeZone: string;
  status: "draft" | "published" | "cancelled";
  imagePath: string | null;
  holdTtlSeconds: number;
  /** Minutes a customer may add to a hold, once (0: holds cannot be extended). */
  holdExtensionMinutes: number;
  /** When sales open (ISO UTC); null: on sale once published. */
  salesOpenAt: string | null;
  /** When sales close (ISO UTC); null: until the event starts. */
  salesCloseAt: string | null;
  /** Null: no waiting room. */
  waitingRoom: WaitingRoomSettings | null;
  /** Whether and until when buyers may cancel, and the fee. */
  cancellation: CancellationPolicy;
  venue: { id: string; name: string; city: string; timeZone: string };
  /** Null until a layout is generated. */
  seating: {
    seatCount: number;
    currency: string;
    minPriceCents: number;
    maxPriceCents: number;
  } | null;
};

export const toEventView = (row: EventRow): EventView => {
  const prices = row.layout?.tiers.map((tier) => tier.priceCents) ?? [];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    timeZone: row.timeZone,
    status: row.status,
    imagePath: row.imagePath,
    holdTtlSeconds: row.holdTtlSeconds,
    holdExtensionMinutes: row.holdExtensionMinutes,
    ...salesView(row),
    cancellation: cancellationView(row),
    venue: row.venue,
    seating: row.layout
      ? {
          seatCount: row.layout.seatCount,
          currency: row.layout.currency,
          minPriceCents: prices.length > 0 ? Math.min(...prices) : 0,
          maxPriceCents: prices.length > 0 ? Math.max(...prices) : 0,
        }
      : null,
  };
};

/** The sales window and waiting room as the API and catalog's events carry them. */
export const salesView = (
  row: Pick<
    EventRow,
    "salesOpenAt" | "salesCloseAt" | "waitingRoomAdmitPerMinute" | "waitingRoomWindowSeconds"
  >,
): {
  salesOpenAt: string | null;
  salesCloseAt: string | null;
  waitingRoom: WaitingRoomSettings | null;
} => ({
  salesOpenAt: row.salesOpenAt?.toISOString() ?? null,
  salesCloseAt: row.salesCloseAt?.toISOString() ?? null,
  waitingRoom:
    row.waitingRoomAdmitPerMinute !== null && row.waitingRoomWindowSeconds !== null
      ? {
          admitPerMinute: row.waitingRoomAdmitPerMinute,
          windowSeconds: row.waitingRoomWindowSeconds,
        }
      : null,
});

/** The buyers' cancellation policy as the API and catalog's events carry it. */
export const cancellationView = (
  row: Pick<
    EventRow,
    | "cancellationAllowed"
    | "cancellationHoursBefore"
    | "cancellationFeeCents"
    | "cancellationFeeBasisPoints"
  >,
): CancellationPolicy => ({
  allowed: row.cancellationAllowed,
  hoursBefore: row.cancellationHoursBefore,
  feeCents: row.cancellationFeeCents,
  feeBasisPoints: row.cancellationFeeBasisPoints,
});

/** The policy as catalog's columns hold it. */
export const cancellationColumns = (policy: CancellationPolicy) => ({
  cancellationAllowed: policy.allowed,
  cancellationHoursBefore: policy.hoursBefore,
  cancellationFeeCents: policy.feeCents,
  cancellationFeeBasisPoints: policy.feeBasisPoints,
});
