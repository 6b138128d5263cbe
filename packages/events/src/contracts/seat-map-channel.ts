import { z } from "zod";
import type { Upcaster } from "../define-event";

// Not a Kafka event: a Redis pub/sub message, fire and forget, one per committed seat-map change.
// Versioned like the events (a breaking change bumps the version and adds an upcaster), since
// catalog and the web are deployed apart and one may run a newer contract than the other.

/** The Redis pub/sub channel of one event's live seat-map changes. */
export const seatMapChannel = (eventId: string): string => `seatmap:${eventId}`;

/** A seat's place in catalog's seat map: `[section index, seat index]`. */
const SeatPosition = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/**
 * Catalog → web (live seat map, `seatMapChannel(eventId)`): seats of one event changed state.
 * `seats[i]` is the position of `seatIds[i]` in the seat map, so a browser can repaint without
 * knowing any seat ids.
 */
export const SeatMapChange = z
  .object({
    eventId: z.uuid(),
    state: z.enum(["available", "held", "sold"]),
    seatIds: z.array(z.uuid()),
    seats: z.array(SeatPosition),
  })
  .refine((change) => change.seats.length === change.seatIds.length, {
    path: ["seats"],
    message: "one position per seat id",
  });
export type SeatMapChange = z.infer<typeof SeatMapChange>;

/** The version catalog writes today, as the message's `version` field. */
export const SEAT_MAP_CHANGE_VERSION = 1;

/** upcasters[v] lifts a version v message (without its version field) to v + 1. */
const upcasters: Record<number, Upcaster> = {};

// Written before messages carried a version: those are version 1.
const Header = z.object({ version: z.number().int().positive().default(1) });

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");

/** The message text for a change. Invalid data throws: a publisher bug never reaches the channel. */
export const encodeSeatMapChange = (change: SeatMapChange): string =>
  JSON.stringify({ version: SEAT_MAP_CHANGE_VERSION, ...SeatMapChange.parse(change) });

export type SeatMapChangeParse = { ok: true; change: SeatMapChange } | { ok: false; error: string };

/**
 * Reads a message from the channel, lifting an older version to the current one. Never throws:
 * what cannot be read (not JSON, a version newer than this reader knows, a broken contract) is
 * reported, so the reader can drop and log it.
 */
export const parseSeatMapChange = (text: string): SeatMapChangeParse => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: "not JSON" };
  }
  const header = Header.safeParse(raw);
  if (!header.success) return { ok: false, error: describe(header.error) };
  const { version } = header.data;
  if (version > SEAT_MAP_CHANGE_VERSION) {
    return {
      ok: false,
      error: `version ${version} is newer than the known ${SEAT_MAP_CHANGE_VERSION}`,
    };
  }
  const { version: _version, ...rest } = raw as { version?: unknown };
  let data: unknown = rest;
  for (let v = version; v < SEAT_MAP_CHANGE_VERSION; v += 1) {
    const upcast = upcasters[v];
    if (!upcast) return { ok: false, error: `no upcaster from version ${v}` };
    data = upcast(data);
  }
  const parsed = SeatMapChange.safeParse(data);
  if (!parsed.success) return { ok: false, error: describe(parsed.error) };
  return { ok: true, change: parsed.data };
};
