import { z } from "zod";
import type { Upcaster } from "../define-event";

// Not a Kafka event: a Redis pub/sub message, fire and forget, one per committed seat-map change.
// Versioned like the events (a breaking change bumps the version and adds an upcaster), since
// catalog and the web are deployed apart and one may run a newer contract than the other.

/** The Redis pub/sub channel of one event's live seat-map changes. */
export const seatMapChannel = (eventId: string): string => `seatmap:${eventId}`;

/**
 * The Redis key of an event's seat-map revision: a number raised, in the same script, with every
 * change published on `seatMapChannel(eventId)` (`PUBLISH_SEAT_MAP_CHANGE`). It lets a browser
 * skip fetching a map it already has:
 * - catalog reads the revision before it reads the seats, so a seat map answered with revision R
 *   holds every change up to R;
 * - the live feed reads it once its subscription is in place, so every change above it reaches
 *   the browser through the feed.
 * A map whose revision is at least the feed's needs no second fetch. A missing key (a new event,
 * a Redis that lost its data) is created from Redis's clock in microseconds, above every
 * revision handed out before it as long as an event changes less than a million times a second.
 */
export const seatMapRevisionKey = (eventId: string): string => `seatmap-revision:${eventId}`;

// KEYS[1]: the revision key. TIME answers seconds and microseconds as strings; the seed is their
// decimal concatenation, so no Lua number (a double, printed with 14 digits) is involved.
const SEED_REVISION = `if redis.call('EXISTS', KEYS[1]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[1], now[1] .. string.rep('0', 6 - #now[2]) .. now[2])
end`;

/** Lua: the event's current revision (KEYS[1]), created when missing. */
export const READ_SEAT_MAP_REVISION = `${SEED_REVISION}
return redis.call('GET', KEYS[1])`;

/**
 * Lua: raises the revision (KEYS[1]) and publishes message ARGV[2] (a JSON object's text, from
 * `encodeSeatMapChange`) on channel ARGV[1] with `"revision"` added as its last field, at once.
 * The revision is spliced in as Redis's own decimal text (a Lua number would print 14 digits).
 */
export const PUBLISH_SEAT_MAP_CHANGE = `${SEED_REVISION}
redis.call('INCR', KEYS[1])
local revision = redis.call('GET', KEYS[1])
if string.sub(ARGV[2], -1) ~= '}' then return redis.error_reply('not a JSON object: ' .. ARGV[2]) end
redis.call('PUBLISH', ARGV[1], string.sub(ARGV[2], 1, -2) .. ',"revision":' .. revision .. '}')
return tonumber(revision)`;

/** A revision as Redis answers it (a decimal string or an integer); null for anything else. */
export const parseSeatMapRevision = (reply: unknown): number | null => {
  const revision = typeof reply === "string" && /^\d+$/.test(reply) ? Number(reply) : reply;
  return typeof revision === "number" && Number.isSafeInteger(revision) && revision >= 0
    ? revision
    : null;
};

/** What reading a revision needs of a Redis client (ioredis's `eval`). */
export type RevisionStore = {
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
};

/**
 * The event's seat-map revision, or null when Redis fails or does not answer within `timeoutMs`:
 * a reader that cannot tell costs the browser a second fetch of the map, never the map itself.
 */
export const readSeatMapRevision = async (
  redis: RevisionStore,
  eventId: string,
  timeoutMs: number,
): Promise<number | null> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const reply = redis
      .eval(READ_SEAT_MAP_REVISION, 1, seatMapRevisionKey(eventId))
      .then(parseSeatMapRevision, () => null);
    return await Promise.race([reply, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** A seat's place in catalog's seat map: `[section index, seat index]`. */
const SeatPosition = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

const SeatMapChangeFields = {
  eventId: z.uuid(),
  state: z.enum(["available", "held", "sold"]),
  seatIds: z.array(z.uuid()),
  seats: z.array(SeatPosition),
};

const onePositionPerSeat = (change: { seats: unknown[]; seatIds: unknown[] }) =>
  change.seats.length === change.seatIds.length;
const ONE_POSITION_PER_SEAT = { path: ["seats"], message: "one position per seat id" };

/**
 * Catalog → web (live seat map, `seatMapChannel(eventId)`): seats of one event changed state.
 * `seats[i]` is the position of `seatIds[i]` in the seat map, so a browser can repaint without
 * knowing any seat ids.
 */
export const SeatMapChange = z
  .object(SeatMapChangeFields)
  .refine(onePositionPerSeat, ONE_POSITION_PER_SEAT);
export type SeatMapChange = z.infer<typeof SeatMapChange>;

/**
 * A change as the channel carries it: with the event's seat-map revision the publish script gave
 * it (`PUBLISH_SEAT_MAP_CHANGE`), so a reader holding a map of revision R knows which changes the
 * map already holds (those up to R). Absent from messages published before revisions existed.
 */
export const PublishedSeatMapChange = z
  .object({ ...SeatMapChangeFields, revision: z.number().int().nonnegative().optional() })
  .refine(onePositionPerSeat, ONE_POSITION_PER_SEAT);
export type PublishedSeatMapChange = z.infer<typeof PublishedSeatMapChange>;

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

export type SeatMapChangeParse =
  { ok: true; change: PublishedSeatMapChange } | { ok: false; error: string };

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
  const parsed = PublishedSeatMapChange.safeParse(data);
  if (!parsed.success) return { ok: false, error: describe(parsed.error) };
  return { ok: true, change: parsed.data };
};
