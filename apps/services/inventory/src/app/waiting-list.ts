import { randomUUID } from "node:crypto";
import { fail, ok, type Result } from "@marquee/service/result";
import {
  findEntry,
  findLatestEntry,
  findOpenEntry,
  freeForAllBySection,
  insertEntry,
  lockCustomerOnList,
  markLeft,
  readJoinScope,
  type WaitingListRow,
  type WaitingListStatus,
} from "../adapters/db/waiting-list-store";
import { capKeyOf } from "../domain/hold-rules";
import type { LeaveWaitingListError, JoinWaitingListError } from "../domain/errors";
import { TX_OPTIONS, type InventoryDeps } from "./deps";

/** A waiting-list entry as the API returns it: plain data, ISO instants. */
export type WaitingListEntryView = {
  entryId: string;
  eventId: string;
  section: string | null;
  quantity: number;
  status: WaitingListStatus;
  /** Place in line among everyone waiting for the event (1 = next); null once not waiting. */
  position: number | null;
  /** The hold offered (status offered, taken or lapsed). */
  reservationId: string | null;
  joinedAt: string;
  offeredAt: string | null;
};

const toView = (row: WaitingListRow): WaitingListEntryView => ({
  entryId: row.id,
  eventId: row.eventId,
  section: row.section,
  quantity: row.quantity,
  status: row.status,
  position: row.position,
  reservationId: row.reservationId,
  joinedAt: row.createdAt.toISOString(),
  offeredAt: row.offeredAt?.toISOString() ?? null,
});

export type JoinWaitingListInput = {
  customerId: string;
  customerEmail: string;
  eventId: string;
  quantity: number;
  section: string | null;
};

/**
 * Puts a customer in line for seats of a sold-out event (or section). Refused while ordinary seats
 * there are free for anyone to hold (seats kept for people already waiting do not count), for an
 * unknown event or section, a cancelled event, and when the customer is already in line (or has an
 * offer) for the event. One join per (event, customer) at a time (advisory lock), so a double click
 * cannot queue twice.
 */
export const joinWaitingList = async (
  deps: Pick<InventoryDeps, "db">,
  input: JoinWaitingListInput,
): Promise<Result<WaitingListEntryView, JoinWaitingListError>> =>
  deps.db.$transaction(async (tx) => {
    const { eventId, customerId, section } = input;
    await lockCustomerOnList(tx, eventId, customerId);
    const open = await findOpenEntry(tx, eventId, customerId);
    if (open) return fail({ kind: "already-on-list", entry: toView(open) });
    const scope = await readJoinScope(tx, eventId, section);
    if (scope.seats === 0) return fail({ kind: "unknown-event", eventId });
    if (section !== null && scope.inSection === 0)
      return fail({ kind: "unknown-section", section });
    if (scope.cancelled) return fail({ kind: "event-cancelled", eventId });
    if (scope.freeForAll > 0) {
      return fail({ kind: "seats-free", free: scope.freeForAll, section });
    }
    const id = randomUUID();
    await insertEntry(tx, {
      id,
      eventId,
      section,
      customerId,
      customerEmail: capKeyOf(input.customerEmail),
      quantity: input.quantity,
    });
    const entry = await findEntry(tx, id);
    return ok(toView(entry!));
  }, TX_OPTIONS);

/**
 * Takes the customer out of the event's line. Only a waiting entry can leave: an offer is a hold,
 * bought, released or left to run out like any other. Seats kept for the list may then be offered
 * to the next in line, or become free for everyone, so the offer worker is woken.
 */
export const leaveWaitingList = async (
  deps: Pick<InventoryDeps, "db" | "offers">,
  input: { customerId: string; eventId: string },
): Promise<Result<WaitingListEntryView, LeaveWaitingListError>> => {
  const result = await deps.db.$transaction(async (tx) => {
    await lockCustomerOnList(tx, input.eventId, input.customerId);
    const open = await findOpenEntry(tx, input.eventId, input.customerId);
    if (!open) return fail({ kind: "not-on-list", eventId: input.eventId } as const);
    if (open.status === "waiting" && (await markLeft(tx, open.id)) === 1) {
      return ok(toView((await findEntry(tx, open.id))!));
    }
    // Offered, possibly just now by the offer worker (markLeft waited for its lock).
    const now = (await findEntry(tx, open.id))!;
    return fail({
      kind: "offer-on-hold",
      eventId: input.eventId,
      reservationId: now.reservationId ?? "",
    } as const);
  }, TX_OPTIONS);
  if (result.ok) deps.offers?.nudge();
  return result;
};

/** The customer's latest entry for the event that they did not leave, with their place in line. */
export const getMyWaitingList = async (
  deps: Pick<InventoryDeps, "db">,
  input: { customerId: string; eventId: string },
): Promise<{ entry: WaitingListEntryView | null }> => {
  const row = await findLatestEntry(deps.db, input.eventId, input.customerId);
  return { entry: row ? toView(row) : null };
};

/** Where an event is sold out for the public: what the storefront offers a waiting list for. */
export type WaitingListScope = {
  eventId: string;
  /** Ordinary seats anyone may hold now (seats kept for people waiting are not counted). */
  freeSeats: number;
  sections: Array<{ section: string; freeSeats: number }>;
};

export const getWaitingListScope = async (
  deps: Pick<InventoryDeps, "db">,
  eventId: string,
): Promise<WaitingListScope> => {
  const sections = await freeForAllBySection(deps.db, eventId);
  return {
    eventId,
    freeSeats: sections.reduce((sum, s) => sum + s.freeSeats, 0),
    sections,
  };
};
