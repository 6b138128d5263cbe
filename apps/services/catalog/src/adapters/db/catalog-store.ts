import type { Prisma } from "@marquee/db/catalog";
import type { SqlTx } from "@marquee/events/sql";
import type { PlannedLayout } from "../../domain/layout";
import type { SeatMapSeat, SeatState, TakenSeat } from "../../domain/seat-map";
import type { SectionPlacement, StageShape } from "../../domain/venue-shape";
import type { CatalogDb } from "./client";

// Everything that touches catalog's tables. Model queries for events and venues; raw SQL where one
// statement does the work of thousands (seat inserts, seat map reads, projection updates).

export type CatalogTx = Prisma.TransactionClient;
export const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

export type VenueRow = { id: string; name: string; city: string; timeZone: string };
export type EventStatus = "draft" | "published" | "cancelled";
export type EventRow = {
  id: string;
  name: string;
  description: string;
  startsAt: Date;
  timeZone: string;
  imagePath: string | null;
  status: EventStatus;
  holdTtlSeconds: number;
  holdExtensionMinutes: number;
  salesOpenAt: Date | null;
  salesCloseAt: Date | null;
  waitingRoomAdmitPerMinute: number | null;
  waitingRoomWindowSeconds: number | null;
  cancellationAllowed: boolean;
  cancellationHoursBefore: number;
  cancellationFeeCents: number | null;
  cancellationFeeBasisPoints: number | null;
  publishedAt: Date | null;
  venue: VenueRow;
  layout: {
    id: string;
    currency: string;
    seatCount: number;
    tiers: Array<{ priceCents: number }>;
  } | null;
};

const EVENT_INCLUDE = {
  venue: { select: { id: true, name: true, city: true, timeZone: true } },
  layout: {
    select: { id: true, currency: true, seatCount: true, tiers: { select: { priceCents: true } } },
  },
} as const;

export const findEvent = (db: CatalogDb | CatalogTx, eventId: string): Promise<EventRow | null> =>
  db.event.findUnique({ where: { id: eventId }, include: EVENT_INCLUDE });

export const findVenue = (db: CatalogDb | CatalogTx, venueId: string): Promise<VenueRow | null> =>
  db.venue.findUnique({
    where: { id: venueId },
    select: { id: true, name: true, city: true, timeZone: true },
  });

export const listVenues = (db: CatalogDb): Promise<VenueRow[]> =>
  db.venue.findMany({
    select: { id: true, name: true, city: true, timeZone: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });

export type EventQuery = {
  statuses: EventStatus[];
  text?: string;
  from?: Date;
  to?: Date;
  after?: { startsAt: Date; id: string };
  take: number;
};

/** Events in (startsAt, id) order, after the cursor; text matches name, description, venue or city. */
export const queryEvents = (db: CatalogDb, q: EventQuery): Promise<EventRow[]> => {
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  const and: Prisma.EventWhereInput[] = [{ status: { in: q.statuses } }];
  if (q.from) and.push({ startsAt: { gte: q.from } });
  if (q.to) and.push({ startsAt: { lte: q.to } });
  if (q.text) {
    const text = q.text;
    and.push({
      OR: [
        { name: contains(text) },
        { description: contains(text) },
        { venue: { name: contains(text) } },
        { venue: { city: contains(text) } },
      ],
    });
  }
  if (q.after) {
    const { startsAt, id } = q.after;
    and.push({ OR: [{ startsAt: { gt: startsAt } }, { startsAt, id: { gt: id } }] });
  }
  return db.event.findMany({
    where: { AND: and },
    include: EVENT_INCLUDE,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: q.take,
  });
};

export const insertVenue = async (db: CatalogDb | CatalogTx, venue: VenueRow): Promise<void> => {
  await db.venue.create({ data: venue });
};

export type NewEvent = {
  id: string;
  name: string;
  description: string;
  startsAt: Date;
  timeZone: string;
  venueId: string;
  imagePath: string | null;
  holdTtlSeconds: number;
  /** Absent: the column's default (holds cannot be extended). */
  holdExtensionMinutes?: number;
  salesOpenAt: Date | null;
  salesCloseAt: Date | null;
  waitingRoomAdmitPerMinute: number | null;
  waitingRoomWindowSeconds: number | null;
  /** Absent: the column's default (customers may not cancel). */
  cancellationAllowed?: boolean;
  cancellationHoursBefore?: number;
  cancellationFeeCents?: number | null;
  cancellationFeeBasisPoints?: number | null;
};

export const insertEvent = async (db: CatalogDb | CatalogTx, event: NewEvent): Promise<void> => {
  await db.event.create({ data: event });
};

export type EventChanges = Partial<Omit<NewEvent, "id" | "venueId">>;

export const updateEventRow = async (
  tx: CatalogTx,
  eventId: string,
  changes: EventChanges & { status?: EventStatus; publishedAt?: Date },
): Promise<void> => {
  await tx.event.update({ where: { id: eventId }, data: { ...changes, updatedAt: new Date() } });
};

/** Locks the event row for the rest of the transaction, so status changes cannot interleave. */
export const lockEvent = async (tx: CatalogTx, eventId: string): Promise<EventRow | null> => {
  await tx.$queryRawUnsafe(`SELECT 1 FROM event WHERE id = $1::uuid FOR UPDATE`, eventId);
  return findEvent(tx, eventId);
};

/** Writes a planned layout: tiers, sections and every seat (one INSERT per 5,000 seats). */
export const insertLayout = async (
  tx: CatalogTx,
  eventId: string,
  layout: PlannedLayout,
): Promise<void> => {
  await tx.seatLayout.create({
    data: {
      id: layout.id,
      eventId,
      currency: layout.currency,
      seatCount: layout.seatCount,
      stage: layout.stage ?? undefined,
    },
  });
  await tx.priceTier.createMany({
    data: layout.tiers.map((tier) => ({ ...tier, layoutId: layout.id })),
  });
  await tx.section.createMany({
    data: layout.sections.map(({ id, position, name, placement }) => ({
      id,
      position,
      name,
      placement: placement ?? undefined,
      layoutId: layout.id,
    })),
  });
  const seats = layout.sections.flatMap((section) =>
    section.seats.map((seat) => ({ ...seat, sectionId: section.id })),
  );
  for (let i = 0; i < seats.length; i += 5_000) {
    const batch = seats.slice(i, i + 5_000);
    await tx.$executeRawUnsafe(
      `INSERT INTO seat (id, event_id, section_id, section_position, position, row, row_position,
                         number, tier_position, accessible)
       SELECT id, $1::uuid, section_id, section_position, position, row, row_position, number,
              tier_position, accessible
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::int[], $8::int[],
                     $9::int[], $10::boolean[])
           AS s(id, section_id, section_position, position, row, row_position, number,
                tier_position, accessible)`,
      eventId,
      batch.map((s) => s.id),
      batch.map((s) => s.sectionId),
      batch.map((s) => s.sectionPosition),
      batch.map((s) => s.position),
      batch.map((s) => s.row),
      batch.map((s) => s.rowPosition),
      batch.map((s) => s.number),
      batch.map((s) => s.tierPosition),
      batch.map((s) => s.accessible),
    );
  }
};

export type LayoutHead = {
  currency: string;
  tiers: Array<{ name: string; priceCents: number }>;
  sectionNames: string[];
  /** By section position; null where the section has none (all, for a layout without shape). */
  placements: Array<SectionPlacement | null>;
  stage: StageShape | null;
};

export const findLayoutHead = async (
  db: CatalogDb,
  eventId: string,
): Promise<LayoutHead | null> => {
  const layout = await db.seatLayout.findUnique({
    where: { eventId },
    select: {
      currency: true,
      stage: true,
      tiers: { select: { name: true, priceCents: true }, orderBy: { position: "asc" } },
      sections: { select: { name: true, placement: true }, orderBy: { position: "asc" } },
    },
  });
  if (!layout) return null;
  // Written only from validated input (generateLayout's schema, the seed), so read as written.
  return {
    currency: layout.currency,
    tiers: layout.tiers,
    sectionNames: layout.sections.map((section) => section.name),
    placements: layout.sections.map(
      (section) => (section.placement ?? null) as SectionPlacement | null,
    ),
    stage: (layout.stage ?? null) as StageShape | null,
  };
};

/**
 * Gives a layout generated without a shape its stage and section placements (by section
 * position), once: the demo seed's layouts from before venue-shaped maps. Seats and ids are
 * untouched; a layout that has a stage already is left as it is. True when it changed anything.
 */
export const addLayoutShape = async (
  db: CatalogDb,
  eventId: string,
  shape: { stage: StageShape; placements: SectionPlacement[] },
): Promise<boolean> =>
  db.$transaction(async (tx) => {
    const layout = await tx.seatLayout.findUnique({
      where: { eventId },
      select: { id: true, stage: true },
    });
    if (!layout || layout.stage !== null) return false;
    await tx.seatLayout.update({ where: { id: layout.id }, data: { stage: shape.stage } });
    for (const [position, placement] of shape.placements.entries())
      await tx.section.updateMany({
        where: { layoutId: layout.id, position },
        data: { placement },
      });
    return true;
  });

/** Seats that are held or sold, by their place in the seat map (a few thousand at most). */
export const readTakenSeats = (db: CatalogDb, eventId: string): PromiseLike<TakenSeat[]> =>
  db.$queryRawUnsafe<TakenSeat[]>(
    `SELECT section_position AS "sectionPosition", position, state::text AS state
       FROM seat WHERE event_id = $1::uuid AND state <> 'available'`,
    eventId,
  );

/** Every seat of an event in seat map order, with just what the seat map encodes. */
export const readSeatMapSeats = (db: CatalogDb, eventId: string): PromiseLike<SeatMapSeat[]> =>
  db.$queryRawUnsafe<SeatMapSeat[]>(
    `SELECT section_position AS "sectionPosition", row, number, tier_position AS "tierPosition",
            accessible, state::text AS state
       FROM seat WHERE event_id = $1::uuid
      ORDER BY section_position, position`,
    eventId,
  );

/** The seat ids of one section, in seat map order (index i = availability character i). */
export const readSectionSeatIds = async (
  db: CatalogDb,
  eventId: string,
  sectionPosition: number,
): Promise<string[]> => {
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id::text AS id FROM seat WHERE event_id = $1::uuid AND section_position = $2
      ORDER BY position`,
    eventId,
    sectionPosition,
  );
  return rows.map((row) => row.id);
};

export const countSeatsByState = async (
  db: CatalogDb,
  eventId: string,
): Promise<Record<SeatState, number>> => {
  const rows = await db.$queryRawUnsafe<Array<{ state: SeatState; n: number }>>(
    `SELECT state::text AS state, count(*)::int AS n FROM seat WHERE event_id = $1::uuid GROUP BY state`,
    eventId,
  );
  const counts: Record<SeatState, number> = { available: 0, held: 0, sold: 0 };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
};

export type ChangedSeat = { id: string; sectionPosition: number; position: number };

const RETURNING = `RETURNING id::text AS id, section_position AS "sectionPosition", position`;

// The projection's writes. Each is conditional, so applying an event twice, or an event that
// inventory's own order has already overtaken, changes nothing and reports no seats.

/** reservation-created: the seats are held by this reservation (a sale is never undone). */
export const markHeld = (tx: SqlTx, eventId: string, reservationId: string, seatIds: string[]) =>
  tx.$queryRawUnsafe<ChangedSeat[]>(
    `UPDATE seat SET state = 'held', reservation_id = $3::uuid, updated_at = now()
      WHERE event_id = $1::uuid AND id = ANY($2::uuid[]) AND state <> 'sold'
        AND reservation_id IS DISTINCT FROM $3::uuid
     ${RETURNING}`,
    eventId,
    seatIds,
    reservationId,
  );

/** reservation-released / -expired: seats this reservation still holds are free again. */
export const markAvailable = (
  tx: SqlTx,
  eventId: string,
  reservationId: string,
  seatIds: string[],
) =>
  tx.$queryRawUnsafe<ChangedSeat[]>(
    `UPDATE seat SET state = 'available', reservation_id = NULL, updated_at = now()
      WHERE event_id = $1::uuid AND id = ANY($2::uuid[]) AND state = 'held'
        AND reservation_id = $3::uuid
     ${RETURNING}`,
    eventId,
    seatIds,
    reservationId,
  );

/**
 * seats-returned: seats sold through this reservation were refunded and put back on sale. Only
 * seats still sold to it move, so a repeat changes nothing.
 */
export const markReturned = (
  tx: SqlTx,
  eventId: string,
  reservationId: string,
  seatIds: string[],
) =>
  tx.$queryRawUnsafe<ChangedSeat[]>(
    `UPDATE seat SET state = 'available', reservation_id = NULL, updated_at = now()
      WHERE event_id = $1::uuid AND id = ANY($2::uuid[]) AND state = 'sold'
        AND reservation_id = $3::uuid
     ${RETURNING}`,
    eventId,
    seatIds,
    reservationId,
  );

/** reservation-confirmed: the seats are sold to this reservation's order. */
export const markSold = (tx: SqlTx, eventId: string, reservationId: string, seatIds: string[]) =>
  tx.$queryRawUnsafe<ChangedSeat[]>(
    `UPDATE seat SET state = 'sold', reservation_id = $3::uuid, updated_at = now()
      WHERE event_id = $1::uuid AND id = ANY($2::uuid[])
        AND NOT (state = 'sold' AND reservation_id = $3::uuid)
     ${RETURNING}`,
    eventId,
    seatIds,
    reservationId,
  );
