import { randomUUID } from "node:crypto";
import { TicketCheckedIn } from "@marquee/events/contracts/fulfillment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { insertCheckIn } from "../adapters/db/check-in-store";
import {
  claimOfflineScan,
  findCurrentAdmission,
  findOfflineScan,
  insertDuplicateAdmission,
  settleOfflineScan,
  type OfflineScanOutcome,
} from "../adapters/db/offline-scan-store";
import { lockTicket, markCheckedIn } from "../adapters/db/ticket-store";
import { decideCheckIn, readScannedCode, type CheckInError } from "../domain/check-in";
import { scanCodeHash } from "../domain/door-list";
import type { CheckInListView } from "./check-in-list-view";
import type { FulfillmentDeps } from "./deps";
import { getCheckInList } from "./list-check-in-lists";

export type OfflineScan = { code: string; scannedAt: Date };

/** What became of one synced scan; `message` says why for a duplicate or a refusal. */
export type SyncedScan = {
  code: string;
  scannedAt: string;
  outcome: OfflineScanOutcome;
  message: string | null;
};

export type SyncedCheckIns = { scans: SyncedScan[]; list: CheckInListView };

/**
 * Applies the scans a device made offline, in the order they were made (first scan wins), each in a
 * transaction of its own like an online check-in, at the moment it was scanned. A scan is
 * remembered per device, code and moment, so a repeated sync (a lost answer, a retry) applies
 * nothing twice and answers as before. A ticket already in — admitted on another device, offline or
 * online, or earlier on this one — stays admitted once; the scan is recorded as a duplicate with
 * both admissions (devices, lists, times, the earlier first) for the organizer.
 */
export const syncCheckIns = async (
  deps: FulfillmentDeps,
  input: {
    list: Pick<CheckInListView, "id" | "eventId" | "sections">;
    deviceId: string;
    scans: OfflineScan[];
    syncedBy: string;
    cause: EventCause;
    /** The words a refusal is shown in (the same as online). */
    describe: (error: CheckInError) => string;
  },
): Promise<SyncedCheckIns> => {
  const { list, deviceId } = input;
  const inOrder = [...input.scans].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime());
  const results: SyncedScan[] = [];
  for (const scan of inOrder) {
    const read = readScannedCode(deps.signingKey, scan.code);
    const asRead = read.ok
      ? read.value.kind === "short-code"
        ? read.value.shortCode
        : scan.code.trim()
      : scan.code.trim();
    const key = { deviceId, codeHash: scanCodeHash(asRead), scannedAt: scan.scannedAt };
    const answer = (outcome: OfflineScanOutcome, message: string | null): SyncedScan => ({
      code: scan.code,
      scannedAt: scan.scannedAt.toISOString(),
      outcome,
      message,
    });
    // A scan this device synced before is refused by the claim, and answered as it was then.
    const settled = await refusing((refuse: Refuse<"already-synced">) =>
      deps.db.$transaction(async (tx) => {
        if (!(await claimOfflineScan(tx, { ...key, listId: list.id }, input.syncedBy))) {
          return refuse("already-synced");
        }
        if (!read.ok) {
          const message = input.describe(read.error);
          await settleOfflineScan(tx, key, { ticketId: null, outcome: "refused", message });
          return answer("refused", message);
        }
        const code = read.value;
        const ticket = await lockTicket(
          tx,
          code.kind === "qr" ? { ticketId: code.claims.ticketId } : { shortCode: code.shortCode },
        );
        const decided = decideCheckIn(code, list, ticket);
        if (decided.ok) {
          const admitted = decided.value;
          await markCheckedIn(tx, admitted.id, scan.scannedAt, input.syncedBy);
          await insertCheckIn(tx, {
            id: randomUUID(),
            ticketId: admitted.id,
            listId: list.id,
            checkedInAt: scan.scannedAt,
            checkedInBy: input.syncedBy,
            deviceId,
          });
          await enqueue(
            tx,
            createEvent(TicketCheckedIn, {
              key: admitted.orderId,
              ...input.cause,
              data: {
                ticketId: admitted.id,
                orderId: admitted.orderId,
                eventId: admitted.eventId,
                checkedInAt: scan.scannedAt.toISOString(),
                listId: list.id,
              },
            }),
          );
          await settleOfflineScan(tx, key, {
            ticketId: admitted.id,
            outcome: "admitted",
            message: null,
          });
          return answer("admitted", null);
        }
        const message = input.describe(decided.error);
        if (decided.error.kind === "already-checked-in" && ticket) {
          const admission = await findCurrentAdmission(tx, ticket.id);
          const earlier = admission ?? {
            checkedInAt: decided.error.checkedInAt,
            deviceId: null,
            listId: null,
          };
          const thisScan = { checkedInAt: scan.scannedAt, deviceId, listId: list.id };
          const [first, second] =
            earlier.checkedInAt.getTime() <= scan.scannedAt.getTime()
              ? [earlier, thisScan]
              : [thisScan, earlier];
          await insertDuplicateAdmission(tx, {
            id: randomUUID(),
            ticketId: ticket.id,
            eventId: ticket.eventId,
            firstAt: first.checkedInAt,
            firstDeviceId: first.deviceId,
            firstListId: first.listId,
            secondAt: second.checkedInAt,
            secondDeviceId: second.deviceId,
            secondListId: second.listId,
            flaggedAt: deps.now?.() ?? new Date(),
          });
          await settleOfflineScan(tx, key, { ticketId: ticket.id, outcome: "duplicate", message });
          return answer("duplicate", message);
        }
        await settleOfflineScan(tx, key, {
          ticketId: ticket?.id ?? null,
          outcome: "refused",
          message,
        });
        return answer("refused", message);
      }),
    );
    if (settled.ok) {
      results.push(settled.value);
    } else {
      const stored = await findOfflineScan(deps.db, key);
      if (!stored) throw new Error(`synced scan of device ${deviceId} vanished`);
      results.push(answer(stored.outcome, stored.message));
    }
  }
  if (results.some((result) => result.outcome === "admitted")) deps.relay.nudge();
  deps.log.info({ listId: list.id, deviceId, scans: results.length }, "offline check-ins synced");
  const after = await getCheckInList(deps, list.id);
  if (!after) throw new Error(`check-in list ${list.id} vanished`);
  return { scans: results, list: after };
};
