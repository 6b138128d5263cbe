/// <reference lib="dom" />
// The functions passed to page.evaluate run in the browser.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { callService } from "../support/service-api";

// Figures, not assertions: printed and written to .data/test-results/web-measurements.json, and
// copied by hand into apps/web/README.md and BENCHMARKS.md.

type EventItem = { id: string; name: string; seating: { seatCount: number } | null };

/** The seeded event at a venue with the most seats (journeys add small events to the same venues). */
const findEvent = async (query: string): Promise<EventItem> => {
  const page = await callService<{ items: EventItem[] }>(
    "catalog",
    "listEvents",
    { query, limit: 50 },
    { kind: "query" },
  );
  const event = page.items
    .filter((item) => item.seating)
    .sort((a, b) => (b.seating?.seatCount ?? 0) - (a.seating?.seatCount ?? 0))[0];
  if (!event) throw new Error(`no seeded event matches "${query}"`);
  return event;
};

/** Largest contentful paint and the gzip size of the JavaScript the page loaded. */
const pageFigures = (page: Page) =>
  page.evaluate(async () => {
    const lcp = await new Promise<number>((resolve) => {
      new PerformanceObserver((list) => {
        const entries = list.getEntries();
        resolve(entries[entries.length - 1]?.startTime ?? 0);
      }).observe({ type: "largest-contentful-paint", buffered: true });
      setTimeout(() => resolve(-1), 5_000);
    });
    const scripts = performance
      .getEntriesByType("resource")
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script")
      .map((entry) => entry as PerformanceResourceTiming);
    return {
      lcpMs: Math.round(lcp),
      jsFiles: scripts.length,
      jsTransferredBytes: scripts.reduce((sum, s) => sum + s.encodedBodySize, 0),
      jsDecodedBytes: scripts.reduce((sum, s) => sum + s.decodedBodySize, 0),
      interactiveMs: Math.round(
        performance.getEntriesByName("seatmap-interactive")[0]?.startTime ?? -1,
      ),
    };
  });

/**
 * When the seat map became interactive (its `seatmap-interactive` mark), waited for inside the
 * page: Playwright's polling of an attribute would run in the page too and be counted.
 */
const seatMapInteractive = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const NAME = "seatmap-interactive";
        const marked = performance.getEntriesByName(NAME)[0];
        if (marked) return resolve(marked.startTime);
        const timer = setTimeout(() => reject(new Error(`no ${NAME} mark within 60 s`)), 60_000);
        new PerformanceObserver((list, observer) => {
          const mark = list.getEntriesByName(NAME)[0];
          if (!mark) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(mark.startTime);
        }).observe({ type: "mark" });
      }),
  );

test("event page: LCP, JavaScript size, and how soon the stadium's seat map answers", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const theatre = await findEvent("Lyceum");
  const stadium = await findEvent("Ribera");
  const results: Record<string, unknown> = {};

  // A cold page load each time: a new context has no cache.
  for (const [label, event] of [
    ["theatre", theatre],
    ["stadium", stadium],
  ] as const) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      await fresh.goto(`/events/${event.id}`);
      await seatMapInteractive(fresh);
      runs.push(await pageFigures(fresh));
      await context.close();
    }
    results[label] = { seats: event.seating?.seatCount, runs };
  }

  // The stadium map after a navigation inside the storefront (from the events list, the way a
  // customer arrives: the framework is loaded, the event page's own code and data are not), at
  // the machine's speed and with Chromium's CPU slowed 4× (a mid-range phone), three times each.
  // Also counted: how many times the page fetched the seat map, until the live feed is connected
  // and no fetch of it is in flight (one when nothing changed since the map the page has).
  for (const cpuSlowdown of [1, 4]) {
    const runs = [];
    const mapFetches = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      const cdp = await context.newCDPSession(fresh);
      const fetches = { sent: 0, done: 0 };
      const isMapFetch = (request: Request) => request.url().includes("events.seatMap");
      fresh.on("request", (request) => void (isMapFetch(request) && fetches.sent++));
      for (const outcome of ["requestfinished", "requestfailed"] as const)
        fresh.on(outcome, (request) => void (isMapFetch(request) && fetches.done++));
      await fresh.goto(`/?q=${encodeURIComponent(stadium.name)}`);
      const link = fresh.getByRole("link", { name: stadium.name }).first();
      await expect(link).toBeVisible();
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
      // Timed from the click as the page receives it: Playwright's own checks before it clicks
      // run in the page, slowed 4× too.
      await fresh.evaluate(() =>
        document.addEventListener("click", () => performance.mark("clicked"), {
          capture: true,
          once: true,
        }),
      );
      await link.click();
      const interactiveAt = await seatMapInteractive(fresh);
      const clickedAt = await fresh.evaluate(
        () => performance.getEntriesByName("clicked")[0]?.startTime ?? NaN,
      );
      runs.push(Math.round(interactiveAt - clickedAt));
      await expect(fresh.getByTestId("live-status")).toHaveText("Live");
      // A fetch the feed's `ready` causes is sent at once; this leaves time for it to be seen.
      await fresh.waitForTimeout(500);
      await expect.poll(() => fetches.sent === fetches.done, { intervals: [250] }).toBe(true);
      mapFetches.push(fetches.sent);
      await context.close();
    }
    results[`stadiumAfterNavigationMs_cpu${cpuSlowdown}x`] = runs;
    results[`stadiumSeatMapFetches_cpu${cpuSlowdown}x`] = mapFetches;
  }

  // Responsiveness on the stadium: 40 arrow-key moves, each a repaint of the 20,800 seats.
  await page.goto(`/events/${stadium.id}`);
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("seat-map").focus();
  const focused = page.getByTestId("focused-seat");
  await expect(focused).toContainText("row");
  const before = await focused.textContent();
  const started = Date.now();
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowRight");
  await expect(focused).not.toHaveText(before ?? "");
  results.stadiumKeyMovesMsEach = Math.round((Date.now() - started) / 40);
  const frameMs = await page.evaluate(async () => {
    const canvas = document.querySelector("canvas");
    if (!canvas) return -1;
    const rect = canvas.getBoundingClientRect();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      canvas.dispatchEvent(
        new WheelEvent("wheel", {
          deltaY: i % 2 ? 120 : -120,
          clientX: rect.left + rect.width / 2,
          clientY: rect.top + rect.height / 2,
          bubbles: true,
          cancelable: true,
        }),
      );
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)] ?? -1);
  });
  results.stadiumZoomTwoFramesMsP50 = frameMs;

  const out = path.join(".data", "test-results", "web-measurements.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
});
