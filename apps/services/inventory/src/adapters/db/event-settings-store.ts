import type { SqlDb, SqlTx } from "@marquee/events/sql";
import type { SaleSettings } from "../../domain/sale-window";

// Catalog's sales window and waiting room, as inventory keeps them in `event_settings`.

type SaleSettingsRow = {
  startsAt: Date | null;
  salesOpenAt: Date | null;
  salesCloseAt: Date | null;
  admitPerMinute: number | null;
  windowSeconds: number | null;
  cancelled: boolean;
};

const COLUMNS = `starts_at AS "startsAt", sales_open_at AS "salesOpenAt",
  sales_close_at AS "salesCloseAt", waiting_room_admit_per_minute AS "admitPerMinute",
  waiting_room_window_seconds AS "windowSeconds", cancelled_at IS NOT NULL AS "cancelled"`;

const toSettings = (eventId: string, row: SaleSettingsRow): SaleSettings => ({
  eventId,
  startsAt: row.startsAt,
  salesOpenAt: row.salesOpenAt,
  salesCloseAt: row.salesCloseAt,
  waitingRoom:
    row.admitPerMinute !== null && row.windowSeconds !== null
      ? { admitPerMinute: row.admitPerMinute, windowSeconds: row.windowSeconds }
      : null,
  cancelled: row.cancelled,
});

/** Records the event's start, sales window and waiting room (the row exists: its TTL came first). */
export const upsertSaleSettings = async (
  tx: SqlTx,
  settings: Omit<SaleSettings, "cancelled">,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE event_settings
        SET starts_at = $2, sales_open_at = $3, sales_close_at = $4,
            waiting_room_admit_per_minute = $5, waiting_room_window_seconds = $6, updated_at = now()
      WHERE event_id = $1::uuid`,
    settings.eventId,
    settings.startsAt,
    settings.salesOpenAt,
    settings.salesCloseAt,
    settings.waitingRoom?.admitPerMinute ?? null,
    settings.waitingRoom?.windowSeconds ?? null,
  );
};

/** The event's sale settings; null when catalog has told inventory nothing about it. */
export const findSaleSettings = async (
  db: SqlDb,
  eventId: string,
): Promise<SaleSettings | null> => {
  const [row] = await db.$queryRawUnsafe<SaleSettingsRow[]>(
    `SELECT ${COLUMNS} FROM event_settings WHERE event_id = $1::uuid`,
    eventId,
  );
  return row ? toSettings(eventId, row) : null;
};

/** Waiting rooms that may admit someone now: not cancelled, not closed, not started. */
export const listLiveWaitingRooms = async (db: SqlDb, now: Date): Promise<SaleSettings[]> => {
  const rows = await db.$queryRawUnsafe<Array<SaleSettingsRow & { eventId: string }>>(
    `SELECT event_id::text AS "eventId", ${COLUMNS} FROM event_settings
      WHERE waiting_room_admit_per_minute IS NOT NULL AND cancelled_at IS NULL
        AND (sales_close_at IS NULL OR sales_close_at > $1)
        AND (starts_at IS NULL OR starts_at > $1)
        AND (sales_open_at IS NULL OR sales_open_at <= $1)`,
    now,
  );
  return rows.map((row) => toSettings(row.eventId, row));
};
