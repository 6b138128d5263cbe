import { randomUUID } from "node:crypto";
import { findEvent, findVenue, insertEvent } from "../adapters/db/catalog-store";
import { err, ok, type Result } from "../domain/errors";
import type { CancellationPolicy } from "@marquee/events/contracts/catalog";
import { checkSalesSettings, type WaitingRoomSettings } from "../domain/sales-settings";
import type { CatalogDeps } from "./deps";
import { cancellationColumns, toEventView, type EventView } from "./event-view";

export type CreateEventInput = {
  id?: string;
  name: string;
  description?: string;
  startsAt: Date;
  venueId: string;
  /** Defaults to the venue's time zone. */
  timeZone?: string;
  imagePath?: string | null;
  holdTtlSeconds?: number;
  /** Absent: 0, holds cannot be extended. */
  holdExtensionMinutes?: number;
  /** Null or absent: on sale once published. */
  salesOpenAt?: Date | null;
  /** Null or absent: on sale until the event starts. */
  salesCloseAt?: Date | null;
  /** Null or absent: no waiting room. */
  waitingRoom?: WaitingRoomSettings | null;
  /** Absent: customers may not cancel. */
  cancellation?: CancellationPolicy;
};

/** A new event starts as a draft: invisible to customers, announced to nobody until published. */
export const createEvent = async (
  deps: CatalogDeps,
  input: CreateEventInput,
): Promise<Result<EventView>> => {
  const sales = {
    startsAt: input.startsAt,
    salesOpenAt: input.salesOpenAt ?? null,
    salesCloseAt: input.salesCloseAt ?? null,
    waitingRoom: input.waitingRoom ?? null,
  };
  const problem = checkSalesSettings(sales);
  if (problem) return err({ kind: "invalid-sales-settings", ...problem });
  const venue = await findVenue(deps.db, input.venueId);
  if (!venue) return err({ kind: "venue-not-found", venueId: input.venueId });
  const id = input.id ?? randomUUID();
  await insertEvent(deps.db, {
    id,
    name: input.name,
    description: input.description ?? "",
    startsAt: input.startsAt,
    timeZone: input.timeZone ?? venue.timeZone,
    venueId: venue.id,
    imagePath: input.imagePath ?? null,
    holdTtlSeconds: input.holdTtlSeconds ?? 900,
    holdExtensionMinutes: input.holdExtensionMinutes ?? 0,
    salesOpenAt: sales.salesOpenAt,
    salesCloseAt: sales.salesCloseAt,
    waitingRoomAdmitPerMinute: sales.waitingRoom?.admitPerMinute ?? null,
    waitingRoomWindowSeconds: sales.waitingRoom?.windowSeconds ?? null,
    ...(input.cancellation ? cancellationColumns(input.cancellation) : {}),
  });
  const row = await findEvent(deps.db, id);
  if (!row) throw new Error(`event ${id} vanished after insert`);
  return ok(toEventView(row));
};
