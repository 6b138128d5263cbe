import type { SqlTx } from "./ticket-store";

// The door's offline side: the tickets a door list holds, scans synced from devices, and tickets
// admitted twice. Raw SQL like ticket-store.ts; tables unqualified.

/** A ticket a list admits: valid, of the list's event, in its sections. */
export type AdmissibleTicketRow = {
  code: string;
  shortCode: string;
  section: string;
  row: string;
  number: number;
  checkedInAt: Date | null;
};

export const listAdmissibleTickets = (
  q: SqlTx,
  list: { eventId: string; sections: string[] },
): PromiseLike<AdmissibleTicketRow[]> =>
  q.$queryRawUnsafe<AdmissibleTicketRow[]>(
    `SELECT t.code, t.short_code AS "shortCode", t.section, t.row, t.number,
            t.checked_in_at AS "checkedInAt"
       FROM ticket t LEFT JOIN event_projection e ON e.event_id = t.event_id
      WHERE t.event_id = $1::uuid AND t.voided_at IS NULL
        AND e.status IS DISTINCT FROM 'cancelled'
        AND (cardinality($2::text[]) = 0 OR t.section = ANY ($2::text[]))
      ORDER BY t.section, t.row, t.number, t.id`,
    list.eventId,
    list.sections,
  );

export type OfflineScanOutcome = "admitted" | "duplicate" | "refused";

export type OfflineScanRow = {
  deviceId: string;
  codeHash: string;
  scannedAt: Date;
  listId: string;
  ticketId: string | null;
  outcome: OfflineScanOutcome;
  message: string | null;
};

/**
 * Claims a scan for this sync: false when the device already synced it (or a sync running at the
 * same time holds it; the insert waits for that one and then finds the row).
 */
export const claimOfflineScan = async (
  tx: SqlTx,
  scan: Pick<OfflineScanRow, "deviceId" | "codeHash" | "scannedAt" | "listId">,
  syncedBy: string,
): Promise<boolean> => {
  const claimed = await tx.$executeRawUnsafe(
    `INSERT INTO offline_scan (device_id, code_hash, scanned_at, list_id, outcome, synced_by)
     VALUES ($1, $2, $3::timestamptz, $4::uuid, 'refused', $5)
     ON CONFLICT (device_id, code_hash, scanned_at) DO NOTHING`,
    scan.deviceId,
    scan.codeHash,
    scan.scannedAt,
    scan.listId,
    syncedBy,
  );
  return claimed === 1;
};

export const settleOfflineScan = async (
  tx: SqlTx,
  scan: Pick<OfflineScanRow, "deviceId" | "codeHash" | "scannedAt">,
  result: Pick<OfflineScanRow, "ticketId" | "outcome" | "message">,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE offline_scan SET ticket_id = $4::uuid, outcome = $5, message = $6
      WHERE device_id = $1 AND code_hash = $2 AND scanned_at = $3::timestamptz`,
    scan.deviceId,
    scan.codeHash,
    scan.scannedAt,
    result.ticketId,
    result.outcome,
    result.message,
  );
};

export const findOfflineScan = async (
  q: SqlTx,
  scan: Pick<OfflineScanRow, "deviceId" | "codeHash" | "scannedAt">,
): Promise<OfflineScanRow | null> => {
  const [row] = await q.$queryRawUnsafe<OfflineScanRow[]>(
    `SELECT device_id AS "deviceId", code_hash AS "codeHash", scanned_at AS "scannedAt",
            list_id::text AS "listId", ticket_id::text AS "ticketId", outcome, message
       FROM offline_scan
      WHERE device_id = $1 AND code_hash = $2 AND scanned_at = $3::timestamptz`,
    scan.deviceId,
    scan.codeHash,
    scan.scannedAt,
  );
  return row ?? null;
};

/** The admission a ticket is in by: its latest check-in not undone (device null: online). */
export type CurrentAdmissionRow = {
  checkedInAt: Date;
  deviceId: string | null;
  listId: string | null;
};

export const findCurrentAdmission = async (
  tx: SqlTx,
  ticketId: string,
): Promise<CurrentAdmissionRow | null> => {
  const [row] = await tx.$queryRawUnsafe<CurrentAdmissionRow[]>(
    `SELECT t.checked_in_at AS "checkedInAt", c.device_id AS "deviceId", c.list_id::text AS "listId"
       FROM ticket t
       LEFT JOIN LATERAL (
         SELECT device_id, list_id FROM check_in
          WHERE ticket_id = t.id AND undone_at IS NULL
          ORDER BY checked_in_at DESC LIMIT 1
       ) c ON true
      WHERE t.id = $1::uuid AND t.checked_in_at IS NOT NULL`,
    ticketId,
  );
  return row ?? null;
};

export type DuplicateAdmissionRow = {
  id: string;
  ticketId: string;
  eventId: string;
  firstAt: Date;
  firstDeviceId: string | null;
  firstListId: string | null;
  secondAt: Date;
  secondDeviceId: string | null;
  secondListId: string | null;
  flaggedAt: Date;
};

export const insertDuplicateAdmission = async (
  tx: SqlTx,
  row: DuplicateAdmissionRow,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO duplicate_admission (id, ticket_id, event_id, first_at, first_device_id,
        first_list_id, second_at, second_device_id, second_list_id, flagged_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5, $6::uuid, $7::timestamptz, $8,
        $9::uuid, $10::timestamptz)`,
    row.id,
    row.ticketId,
    row.eventId,
    row.firstAt,
    row.firstDeviceId,
    row.firstListId,
    row.secondAt,
    row.secondDeviceId,
    row.secondListId,
    row.flaggedAt,
  );
};

/** A flagged ticket with its seat, short code and the names of both lists. */
export type DuplicateAdmissionWithTicketRow = DuplicateAdmissionRow & {
  shortCode: string;
  section: string;
  row: string;
  number: number;
  firstListName: string | null;
  secondListName: string | null;
};

export const listDuplicateAdmissions = (
  q: SqlTx,
  eventId: string,
): PromiseLike<DuplicateAdmissionWithTicketRow[]> =>
  q.$queryRawUnsafe<DuplicateAdmissionWithTicketRow[]>(
    `SELECT d.id::text AS id, d.ticket_id::text AS "ticketId", d.event_id::text AS "eventId",
            d.first_at AS "firstAt", d.first_device_id AS "firstDeviceId",
            d.first_list_id::text AS "firstListId", d.second_at AS "secondAt",
            d.second_device_id AS "secondDeviceId", d.second_list_id::text AS "secondListId",
            d.flagged_at AS "flaggedAt", t.short_code AS "shortCode", t.section, t.row, t.number,
            fl.name AS "firstListName", sl.name AS "secondListName"
       FROM duplicate_admission d
       JOIN ticket t ON t.id = d.ticket_id
       LEFT JOIN check_in_list fl ON fl.id = d.first_list_id
       LEFT JOIN check_in_list sl ON sl.id = d.second_list_id
      WHERE d.event_id = $1::uuid
      ORDER BY d.flagged_at DESC, d.id`,
    eventId,
  );
