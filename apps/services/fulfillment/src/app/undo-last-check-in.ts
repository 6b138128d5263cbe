import { TicketCheckInUndone } from "@marquee/events/contracts/fulfillment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import {
  findLastCheckInOnList,
  lockCheckInList,
  markCheckInUndone,
} from "../adapters/db/check-in-store";
import { clearCheckIn, lockTicketById, type TicketWithEventRow } from "../adapters/db/ticket-store";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import type { CheckInListView } from "./check-in-list-view";
import type { FulfillmentDeps } from "./deps";
import { getCheckInList } from "./list-check-in-lists";

export type UndoCheckInError = { kind: "nothing-to-undo" };

export type CheckInUndone = { ticket: TicketWithEventRow; list: CheckInListView };

/**
 * Takes back the most recent check-in on a list that is not undone yet (a wrong scan, a guest who
 * did not go in after all): the ticket is out again and can be admitted anew. Undos on one list
 * run one at a time, so two presses undo two check-ins, never one twice. The undo and
 * ticket-check-in-undone commit together.
 */
export const undoLastCheckIn = async (
  deps: FulfillmentDeps,
  input: { listId: string; undoneBy: string; cause: EventCause },
): Promise<Result<CheckInUndone, UndoCheckInError>> => {
  const undone = await refusing((refuse: Refuse<UndoCheckInError>) =>
    deps.db.$transaction(async (tx) => {
      if (!(await lockCheckInList(tx, input.listId))) return refuse({ kind: "nothing-to-undo" });
      const last = await findLastCheckInOnList(tx, input.listId);
      if (!last) return refuse({ kind: "nothing-to-undo" });
      const row = await lockTicketById(tx, last.ticketId);
      if (!row) throw new Error(`ticket ${last.ticketId} of check-in ${last.id} vanished`);
      const undoneAt = deps.now?.() ?? new Date();
      await markCheckInUndone(tx, last.id, undoneAt, input.undoneBy);
      await clearCheckIn(tx, row.id);
      await enqueue(
        tx,
        createEvent(TicketCheckInUndone, {
          key: row.orderId,
          ...input.cause,
          data: {
            ticketId: row.id,
            orderId: row.orderId,
            eventId: row.eventId,
            listId: input.listId,
            checkedInAt: last.checkedInAt.toISOString(),
            undoneAt: undoneAt.toISOString(),
          },
        }),
      );
      return { ...row, checkedInAt: null, checkedInBy: null };
    }),
  );
  if (!undone.ok) return undone;
  deps.relay.nudge();
  deps.log.info({ ticketId: undone.value.id, listId: input.listId }, "check-in undone");
  const list = await getCheckInList(deps, input.listId);
  if (!list) throw new Error(`check-in list ${input.listId} vanished`);
  return ok({ ticket: undone.value, list });
};
