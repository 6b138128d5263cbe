// The check-in desk's inputs, parsed in the browser (each field shows its own message) and again by
// the web's `door` router before anything reaches fulfillment.
import { z } from "zod";

/** Browser → web: a new check-in list of one event; no sections ticked means every section. */
export const CheckInListForm = z.object({
  eventId: z.uuid("Choose an event."),
  name: z
    .string()
    .trim()
    .min(1, "Name the list, e.g. Main entrance or Gate B.")
    .max(60, "At most 60 characters."),
  sections: z.array(z.string().trim().min(1).max(60)).max(500).default([]),
});
export type CheckInListForm = z.infer<typeof CheckInListForm>;

/** Browser → web: the check-in lists of one event, or the events a desk may work. */
export const DoorEventInput = z.object({ eventId: z.uuid() });
export type DoorEventInput = z.infer<typeof DoorEventInput>;

/** Browser → web: one check-in list (undo its last check-in). */
export const CheckInListInput = z.object({ listId: z.uuid() });
export type CheckInListInput = z.infer<typeof CheckInListInput>;

/**
 * Browser → web: a code scanned by the camera or typed at the desk, on one list. Either the QR's
 * payload or the short code printed under it (`XXXXX-XXXXX`, any case); fulfillment tells them apart.
 */
export const DoorCheckInInput = z.object({
  listId: z.uuid(),
  code: z
    .string()
    .trim()
    .min(1, "Type the code under the QR (XXXXX-XXXXX) or scan the QR.")
    .max(512, "That is too long to be a ticket code."),
});
export type DoorCheckInInput = z.infer<typeof DoorCheckInInput>;

/**
 * Browser → web: the scans a desk admitted offline, synced once the network is back. `deviceId` is
 * the browser's own random id for this desk; each scan is applied once per device, code and moment.
 */
export const DoorSyncInput = z.object({
  listId: z.uuid(),
  deviceId: z.string().trim().min(8).max(64),
  scans: z
    .array(z.object({ code: z.string().trim().min(1).max(512), scannedAt: z.iso.datetime() }))
    .max(5_000),
});
export type DoorSyncInput = z.infer<typeof DoorSyncInput>;
