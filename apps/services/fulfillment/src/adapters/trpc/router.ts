import { assertOwnerOrAdmin, authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { z } from "zod";
import type { CheckInListView } from "../../app/check-in-list-view";
import { checkInTicket } from "../../app/check-in-ticket";
import { createCheckInList } from "../../app/create-check-in-list";
import type { FulfillmentDeps } from "../../app/deps";
import { buildDoorList, type SignedDoorList } from "../../app/door-list";
import {
  listEventDuplicateAdmissions,
  type DuplicateAdmissionView,
} from "../../app/list-duplicate-admissions";
import { findDoorList, listCheckInLists } from "../../app/list-check-in-lists";
import { listMyTickets, listOrderTickets, ticketsOfTheBuyer } from "../../app/list-tickets";
import { toTicketView, toTicketViews, type TicketView } from "../../app/ticket-view";
import { syncCheckIns, type SyncedCheckIns } from "../../app/sync-check-ins";
import { transferTicket } from "../../app/transfer-ticket";
import { undoLastCheckIn } from "../../app/undo-last-check-in";
import type { DoorListPublicKey } from "../keys/door-list-key";
import { assertMayWorkDoor, doorProcedure } from "./door-access";
import { transferErrorToTRPC } from "./transfer-errors";
import {
  checkInErrorToTRPC,
  createCheckInListErrorToTRPC,
  undoCheckInErrorToTRPC,
  unknownCheckInList,
} from "./errors";

export type {
  CheckInListView,
  DoorListPublicKey,
  DuplicateAdmissionView,
  SignedDoorList,
  SyncedCheckIns,
  TicketView,
};

/** Web → fulfillment: the tickets of one order (owner or admin). */
export const OrderTicketsInput = z.object({ orderId: z.uuid() });
export type OrderTicketsInput = z.infer<typeof OrderTicketsInput>;

/** Web desk → fulfillment: an event's check-in lists. */
export const CheckInListsInput = z.object({ eventId: z.uuid() });
export type CheckInListsInput = z.infer<typeof CheckInListsInput>;

/** Web desk → fulfillment: a new check-in list (no sections: every section enters there). */
export const CreateCheckInListInput = z.object({
  eventId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  sections: z.array(z.string().trim().min(1).max(60)).max(500).optional(),
});
export type CreateCheckInListInput = z.infer<typeof CreateCheckInListInput>;

/**
 * Web desk → fulfillment: a code scanned or typed at a desk working one list; the signed QR
 * payload or the short code (any case, spaces and hyphens ignored).
 */
export const CheckInInput = z.object({
  listId: z.uuid(),
  code: z.string().trim().min(1).max(512),
});
export type CheckInInput = z.infer<typeof CheckInInput>;

/** Web desk → fulfillment: take back the most recent check-in made on a list. */
export const UndoLastCheckInInput = z.object({ listId: z.uuid() });
export type UndoLastCheckInInput = z.infer<typeof UndoLastCheckInInput>;

/** Web desk → fulfillment: the signed list a desk downloads to check tickets offline. */
export const DoorListInput = z.object({ listId: z.uuid() });
export type DoorListInput = z.infer<typeof DoorListInput>;

/**
 * Web desk → fulfillment: the scans a device admitted offline, once it is back online. `deviceId`
 * is the device's own random id; a scan is applied once per device, code and moment.
 */
export const SyncCheckInsInput = z.object({
  listId: z.uuid(),
  deviceId: z.string().trim().min(8).max(64),
  scans: z
    .array(z.object({ code: z.string().trim().min(1).max(512), scannedAt: z.iso.datetime() }))
    .max(5_000),
});
export type SyncCheckInsInput = z.infer<typeof SyncCheckInsInput>;

/** Web desk → fulfillment: an event's tickets admitted twice. */
export const DuplicateAdmissionsInput = z.object({ eventId: z.uuid() });
export type DuplicateAdmissionsInput = z.infer<typeof DuplicateAdmissionsInput>;

/** Web → fulfillment: the holder sends a ticket to another address (stored lower-cased). */
export const TransferTicketInput = z.object({
  ticketId: z.uuid(),
  toEmail: z.string().trim().toLowerCase().max(254).pipe(z.email()),
});
export type TransferTicketInput = z.infer<typeof TransferTicketInput>;

/** What the sender learns of a transfer: never the new ticket's codes. */
export type TransferOutcome = { ticketId: string; toEmail: string; transferredAt: string };

export type CheckInOutcome = { ticket: TicketView; checkedInAt: string; list: CheckInListView };
export type UndoOutcome = { ticket: TicketView; list: CheckInListView };

/** Fulfillment's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: FulfillmentDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "fulfillment", time: new Date().toISOString() })),

    myTickets: authedProcedure.query(({ ctx }): Promise<TicketView[]> =>
      listMyTickets(deps.db, {
        customerId: ctx.user.id,
        // Tickets sent to an address go to whoever proved it is theirs.
        email: ctx.user.emailVerified === true ? ctx.user.email.toLowerCase() : null,
      }),
    ),

    transferTicket: authedProcedure
      .input(TransferTicketInput)
      .mutation(async ({ ctx, input }): Promise<TransferOutcome> => {
        const result = await transferTicket(deps, {
          ticketId: input.ticketId,
          toEmail: input.toEmail,
          caller: {
            id: ctx.user.id,
            email: ctx.user.email.toLowerCase(),
            emailVerified: ctx.user.emailVerified === true,
            name: ctx.user.role === "guest" || ctx.user.name === "" ? null : ctx.user.name,
          },
          cause: { correlationId: ctx.correlationId },
        });
        if (!result.ok) throw transferErrorToTRPC(result.error, input.ticketId);
        return { ...result.value, transferredAt: result.value.transferredAt.toISOString() };
      }),

    orderTickets: authedProcedure
      .input(OrderTicketsInput)
      .query(async ({ ctx, input }): Promise<TicketView[]> => {
        const { ownerId, rows } = await listOrderTickets(deps.db, input.orderId);
        // Not issued yet (or not an order at all): nothing to show, nothing to leak.
        if (ownerId === null) return [];
        assertOwnerOrAdmin(ctx.user, ownerId);
        return toTicketViews(ctx.user.role === "admin" ? rows : ticketsOfTheBuyer(rows));
      }),

    checkInLists: doorProcedure
      .input(CheckInListsInput)
      .query(({ ctx, input }): Promise<CheckInListView[]> => {
        assertMayWorkDoor(ctx.user, input.eventId);
        return listCheckInLists(deps, input.eventId);
      }),

    createCheckInList: doorProcedure
      .input(CreateCheckInListInput)
      .mutation(async ({ ctx, input }): Promise<CheckInListView> => {
        assertMayWorkDoor(ctx.user, input.eventId);
        const result = await createCheckInList(deps, {
          eventId: input.eventId,
          name: input.name,
          sections: input.sections ?? [],
          createdBy: ctx.user.id,
        });
        if (!result.ok) throw createCheckInListErrorToTRPC(result.error);
        return result.value;
      }),

    checkIn: doorProcedure
      .input(CheckInInput)
      .mutation(async ({ ctx, input }): Promise<CheckInOutcome> => {
        const list = await findDoorList(deps, input.listId);
        if (!list) throw unknownCheckInList(input.listId);
        assertMayWorkDoor(ctx.user, list.eventId);
        const result = await checkInTicket(deps, {
          list,
          code: input.code,
          scannedBy: ctx.user.id,
          cause: { correlationId: ctx.correlationId },
        });
        if (!result.ok) throw checkInErrorToTRPC(result.error);
        return {
          ticket: await toTicketView(result.value.ticket),
          checkedInAt: result.value.checkedInAt.toISOString(),
          list: result.value.list,
        };
      }),

    undoLastCheckIn: doorProcedure
      .input(UndoLastCheckInInput)
      .mutation(async ({ ctx, input }): Promise<UndoOutcome> => {
        const list = await findDoorList(deps, input.listId);
        if (!list) throw unknownCheckInList(input.listId);
        assertMayWorkDoor(ctx.user, list.eventId);
        const result = await undoLastCheckIn(deps, {
          listId: list.id,
          undoneBy: ctx.user.id,
          cause: { correlationId: ctx.correlationId },
        });
        if (!result.ok) throw undoCheckInErrorToTRPC(result.error);
        return { ticket: await toTicketView(result.value.ticket), list: result.value.list };
      }),

    /** The public key door lists are signed with; anyone may have it. */
    doorListKey: publicProcedure.query((): DoorListPublicKey => deps.doorListKey.publicKey),

    doorList: doorProcedure
      .input(DoorListInput)
      .query(async ({ ctx, input }): Promise<SignedDoorList> => {
        const list = await findDoorList(deps, input.listId);
        if (!list) throw unknownCheckInList(input.listId);
        assertMayWorkDoor(ctx.user, list.eventId);
        const signed = await buildDoorList(deps, list.id);
        if (!signed) throw unknownCheckInList(input.listId);
        return signed;
      }),

    syncCheckIns: doorProcedure
      .input(SyncCheckInsInput)
      .mutation(async ({ ctx, input }): Promise<SyncedCheckIns> => {
        const list = await findDoorList(deps, input.listId);
        if (!list) throw unknownCheckInList(input.listId);
        assertMayWorkDoor(ctx.user, list.eventId);
        return syncCheckIns(deps, {
          list,
          deviceId: input.deviceId,
          scans: input.scans.map((scan) => ({
            code: scan.code,
            scannedAt: new Date(scan.scannedAt),
          })),
          syncedBy: ctx.user.id,
          cause: { correlationId: ctx.correlationId },
          describe: (error) => checkInErrorToTRPC(error).message,
        });
      }),

    duplicateAdmissions: doorProcedure
      .input(DuplicateAdmissionsInput)
      .query(({ ctx, input }): Promise<DuplicateAdmissionView[]> => {
        assertMayWorkDoor(ctx.user, input.eventId);
        return listEventDuplicateAdmissions(deps, input.eventId);
      }),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
