import { randomUUID } from "node:crypto";
import { TicketCheckedIn } from "@marquee/events/contracts/fulfillment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { insertCheckIn } from "../adapters/db/check-in-store";
import { lockTicket, markCheckedIn, type TicketWithEventRow } from "../adapters/db/ticket-store";
import { decideCheckIn, readScannedCode, type CheckInError } from "../domain/check-in";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import type { CheckInListView } from "./check-in-list-view";
import type { FulfillmentDeps } from "./deps";
import { getCheckInList } from "./list-check-in-lists";

export type CheckedIn = {
  ticket: TicketWithEventRow;
  checkedInAt: Date;
  /** The list with its counts after this check-in. */
  list: CheckInListView;
};

/**
 * Admits a ticket once, at a desk working one check-in list. The code (QR payload or short code)
 * is read before any ticket lookup, so a forged code or a typo never reaches the tickets; the
 * ticket row is locked, so two scanners at two doors cannot both admit it. The check-in, its
 * record on the list and ticket-checked-in commit together.
 */
export const checkInTicket = async (
  deps: FulfillmentDeps,
  input: {
    list: Pick<CheckInListView, "id" | "eventId" | "sections">;
    code: string;
    scannedBy: string;
    cause: EventCause;
  },
): Promise<Result<CheckedIn, CheckInError>> => {
  const code = readScannedCode(deps.signingKey, input.code);
  if (!code.ok) return code;
  const { list } = input;
  const checked = await refusing((refuse: Refuse<CheckInError>) =>
    deps.db.$transaction(async (tx) => {
      const scanned = await lockTicket(
        tx,
        code.value.kind === "qr"
          ? { ticketId: code.value.claims.ticketId }
          : { shortCode: code.value.shortCode },
      );
      const decided = decideCheckIn(code.value, list, scanned);
      if (!decided.ok) return refuse(decided.error);
      const { checkedInListName: _previous, ...ticket } = decided.value;
      const checkedInAt = deps.now?.() ?? new Date();
      await markCheckedIn(tx, ticket.id, checkedInAt, input.scannedBy);
      await insertCheckIn(tx, {
        id: randomUUID(),
        ticketId: ticket.id,
        listId: list.id,
        checkedInAt,
        checkedInBy: input.scannedBy,
      });
      await enqueue(
        tx,
        createEvent(TicketCheckedIn, {
          key: ticket.orderId,
          ...input.cause,
          data: {
            ticketId: ticket.id,
            orderId: ticket.orderId,
            eventId: ticket.eventId,
            checkedInAt: checkedInAt.toISOString(),
            listId: list.id,
          },
        }),
      );
      return { ticket: { ...ticket, checkedInAt, checkedInBy: input.scannedBy }, checkedInAt };
    }),
  );
  if (!checked.ok) return checked;
  deps.relay.nudge();
  deps.log.info(
    { ticketId: checked.value.ticket.id, orderId: checked.value.ticket.orderId, listId: list.id },
    "ticket checked in",
  );
  const after = await getCheckInList(deps, list.id);
  if (!after) throw new Error(`check-in list ${list.id} vanished`);
  return ok({ ...checked.value, list: after });
};
