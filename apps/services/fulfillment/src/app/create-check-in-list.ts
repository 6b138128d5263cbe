import { randomUUID } from "node:crypto";
import { findCheckInList, insertCheckInList } from "../adapters/db/check-in-store";
import { findEvent } from "../adapters/db/ticket-store";
import { fail, ok, type Result } from "@marquee/service/result";
import { toCheckInListView, type CheckInListView } from "./check-in-list-view";
import type { FulfillmentDeps } from "./deps";

export type CreateCheckInListError = { kind: "unknown-event"; eventId: string };

/**
 * A new check-in list for an event: a name and the sections entering there (none: all). The event
 * must be in fulfillment's projection, since every desk and refusal names it; tickets are not
 * needed (lists are usually made before the sale ends).
 */
export const createCheckInList = async (
  deps: FulfillmentDeps,
  input: { eventId: string; name: string; sections: string[]; createdBy: string },
): Promise<Result<CheckInListView, CreateCheckInListError>> => {
  if (!(await findEvent(deps.db, input.eventId))) {
    return fail({ kind: "unknown-event", eventId: input.eventId });
  }
  const id = randomUUID();
  await insertCheckInList(deps.db, {
    id,
    eventId: input.eventId,
    name: input.name,
    sections: [...new Set(input.sections)],
    createdAt: deps.now?.() ?? new Date(),
    createdBy: input.createdBy,
  });
  const created = await findCheckInList(deps.db, id);
  if (!created) throw new Error(`check-in list ${id} vanished after insert`);
  return ok(toCheckInListView(created));
};
