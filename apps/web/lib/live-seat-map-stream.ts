import { clientAddressOf } from "./client-address";
import type { LiveStreamSlots } from "./live-stream-slots";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the live seat-map stream needs, passed in so a test can drive it without Next or Redis. */
export type LiveSeatMapDeps = {
  slots: LiveStreamSlots;
  /** Catalog's answer (cached); throws when catalog did not answer. */
  eventExists: (eventId: string) => Promise<boolean>;
  /** Resolves once the subscription is in place; the returned function unsubscribes. */
  subscribe: (eventId: string, listener: (message: string) => void) => Promise<() => void>;
  /** The event's seat-map revision, read once subscribed; null when unknown. Never throws. */
  revision: (eventId: string) => Promise<number | null>;
  heartbeatMs?: number;
};

/** Seconds a refused client is told to wait: slots free up only as its other streams close. */
export const CAP_RETRY_AFTER_SECONDS = 30;
const CATALOG_RETRY_AFTER_SECONDS = 5;

const refusal = (status: number, error: string, retryAfterSeconds?: number) =>
  Response.json(
    { error },
    {
      status,
      headers: retryAfterSeconds ? { "retry-after": String(retryAfterSeconds) } : {},
    },
  );

/**
 * Server-Sent Events: catalog's seat changes for one event, as they happen. The first message,
 * `ready`, arrives once the subscription is in place and carries the event's seat-map revision
 * read then (`{"revision": n}`, null when unknown): every change above it comes through the
 * stream. A page whose map has an older revision (or none) fetches the map again, so nothing that
 * changed while it was (re)connecting is missed; a page whose map is as recent keeps it.
 *
 * Only for an event catalog knows (404 otherwise), and at most `slots`' limit of open streams
 * per client address (429 beyond it). The slot is held from before the catalog check until the
 * stream ends, whichever way it ends: the client goes away (abort), the body is cancelled, a
 * write fails or the subscription cannot be made.
 */
export const openLiveSeatMap = async (
  deps: LiveSeatMapDeps,
  req: Request,
  eventId: string,
): Promise<Response> => {
  if (!UUID.test(eventId)) return refusal(400, "eventId: not an event id (a UUID)");

  const address = clientAddressOf(req.headers) ?? "unknown";
  const slot = deps.slots.acquire(address);
  if (!slot.ok) {
    return refusal(
      429,
      `too many live seat maps open from your address: the limit is ${slot.limit} at a time; close one and try again`,
      CAP_RETRY_AFTER_SECONDS,
    );
  }

  let exists: boolean;
  try {
    exists = await deps.eventExists(eventId);
  } catch {
    slot.release();
    return refusal(
      503,
      "the live seat map is unavailable for a moment (catalog did not answer); try again shortly",
      CATALOG_RETRY_AFTER_SECONDS,
    );
  }
  if (!exists) {
    slot.release();
    return refusal(404, `eventId: no event ${eventId}`);
  }
  if (req.signal.aborted) {
    slot.release();
    return new Response(null, { status: 204 });
  }

  const encoder = new TextEncoder();
  let ended = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;
  let close = () => {};
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe?.();
    slot.release();
    close();
  };
  req.signal.addEventListener("abort", end, { once: true });

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      close = () => {
        try {
          controller.close();
        } catch {
          // already closed or cancelled
        }
      };
      const send = (text: string) => {
        if (ended) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      try {
        const off = await deps.subscribe(eventId, (message) =>
          send(`event: seats\ndata: ${message}\n\n`),
        );
        if (ended) {
          off();
          return;
        }
        unsubscribe = off;
      } catch {
        // The browser's EventSource reconnects by itself after the stream ends.
        end();
        return;
      }
      const revision = await deps.revision(eventId);
      if (ended) return;
      heartbeat = setInterval(() => send(": keep-alive\n\n"), deps.heartbeatMs ?? 15_000);
      send(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ revision })}\n\n`);
    },
    cancel() {
      end();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
};
