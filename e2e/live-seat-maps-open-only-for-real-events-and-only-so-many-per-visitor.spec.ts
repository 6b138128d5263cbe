import { randomUUID } from "node:crypto";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import { callService } from "./support/service-api";

// The web's default LIVE_STREAMS_PER_CLIENT.
const LIMIT = 20;
// Chromium keeps at most six connections per host, and each open stream holds one. The streams
// are therefore opened from pages on several host names, all resolving to the web's loopback
// address: one browser, one client address, as many streams as the test needs.
const STREAMS_PER_PAGE = 5;
const HOST_RULE = "MAP *.marquee.test 127.0.0.1";

type Opened = { status: number; retryAfter: string | null; body: string };
type StreamWindow = { liveStreams: ReadableStreamDefaultReader<Uint8Array>[] };

/**
 * Opens `count` live seat-map streams from the page with fetch; a stream that opens is read up to
 * its `ready` message and kept open (its reader stays on the page), a refusal is read whole.
 */
const openStreams = (page: Page, eventId: string, count: number) =>
  page.evaluate(
    async ({ eventId, count }) => {
      const win = window as unknown as StreamWindow;
      win.liveStreams ??= [];
      const openOne = async (): Promise<Opened> => {
        const res = await fetch(`/api/events/${eventId}/live`);
        if (res.status !== 200 || !res.body) {
          return {
            status: res.status,
            retryAfter: res.headers.get("retry-after"),
            body: await res.text(),
          };
        }
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let seen = "";
        while (!seen.includes("event: ready")) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += decoder.decode(value);
        }
        win.liveStreams.push(reader);
        return { status: res.status, retryAfter: null, body: seen };
      };
      return Promise.all(Array.from({ length: count }, openOne));
    },
    { eventId, count },
  );

/** Closes the page's open streams (the browser drops their connections). */
const closeStreams = (page: Page, count = Infinity) =>
  page.evaluate(async (count) => {
    const win = window as unknown as StreamWindow;
    const closing = win.liveStreams.splice(0, Math.min(count, win.liveStreams.length));
    await Promise.all(closing.map((reader) => reader.cancel()));
    return closing.length;
  }, count);

/** Opens one more stream, retrying while the web has not yet noticed the closed ones. */
const openOnceFreed = async (page: Page, eventId: string) => {
  let last: Opened | undefined;
  await expect
    .poll(
      async () => {
        [last] = await openStreams(page, eventId, 1);
        return last?.status;
      },
      { timeout: 10_000, intervals: [100, 250, 500] },
    )
    .toBe(200);
  return last;
};

let browser: Browser;
let webPort: string;

test.beforeAll(async () => {
  const { launchOptions, baseURL } = test.info().project.use;
  webPort = new URL(baseURL ?? "http://127.0.0.1:3000").port || "80";
  browser = await chromium.launch({
    ...launchOptions,
    args: [...(launchOptions?.args ?? []), `--host-resolver-rules=${HOST_RULE}`],
  });
});
test.afterAll(async () => {
  await browser.close();
});

const seededEventId = async () => {
  const { items } = await callService<{ items: { id: string }[] }>(
    "catalog",
    "listEvents",
    { limit: 1 },
    { kind: "query" },
  );
  const event = items[0];
  if (!event) throw new Error("catalog lists no event; is the seed in place?");
  return event.id;
};

/** A page on its own host name (so its own six connections), served by the web. */
const pageOnHost = async (context: Awaited<ReturnType<Browser["newContext"]>>, host: string) => {
  const page = await context.newPage();
  await page.goto(`http://${host}.marquee.test:${webPort}/api/health`);
  return page;
};

test("a live seat map for a made-up event is refused with 404, a malformed id with 400", async () => {
  const context = await browser.newContext();
  const page = await pageOnHost(context, "made-up");
  const madeUp = randomUUID();
  const [notFound] = await openStreams(page, madeUp, 1);
  expect(notFound?.status).toBe(404);
  expect(JSON.parse(notFound?.body ?? "{}")).toEqual({ error: `eventId: no event ${madeUp}` });

  const [malformed] = await openStreams(page, "not-an-event", 1);
  expect(malformed?.status).toBe(400);
  expect(malformed?.body).toContain("eventId: not an event id");
  await context.close();
});

test("one visitor opens 20 live seat maps, the 21st is refused with 429, and closed ones free their place", async () => {
  const eventId = await seededEventId();
  const context = await browser.newContext();
  const pages = await Promise.all(
    Array.from({ length: LIMIT / STREAMS_PER_PAGE }, (_, i) => pageOnHost(context, `live-${i}`)),
  );
  const extra = await pageOnHost(context, "live-extra");

  const opened = (
    await Promise.all(pages.map((page) => openStreams(page, eventId, STREAMS_PER_PAGE)))
  ).flat();
  expect(opened.map(({ status }) => status)).toEqual(Array(LIMIT).fill(200));
  expect(opened.every(({ body }) => body.includes("event: ready"))).toBe(true);

  const [refused] = await openStreams(extra, eventId, 1);
  expect(refused?.status).toBe(429);
  expect(refused?.retryAfter).toMatch(/^\d+$/);
  expect(JSON.parse(refused?.body ?? "{}")).toEqual({
    error: `too many live seat maps open from your address: the limit is ${LIMIT} at a time; close one and try again`,
  });

  // Closing one stream frees its place for a new one, and only one.
  expect(await closeStreams(pages[0]!, 1)).toBe(1);
  await openOnceFreed(extra, eventId);
  const [again] = await openStreams(extra, eventId, 1);
  expect(again?.status).toBe(429);

  // Close every stream: all twenty places come back (each waited for while the web notices the
  // closed connections), so none leaked.
  for (const page of [...pages, extra]) await closeStreams(page);
  for (const page of pages) {
    for (let i = 0; i < STREAMS_PER_PAGE; i += 1) await openOnceFreed(page, eventId);
  }
  const [over] = await openStreams(extra, eventId, 1);
  expect(over?.status).toBe(429);

  await context.close();
});
