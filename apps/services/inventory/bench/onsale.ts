// An on-sale rush through the real HTTP API: BUYERS signed-in customers (default 2,000) go for
// SEATS seats (default 1,000) of one event, CONCURRENCY at a time. Each buyer tries a random seat
// it believes free and, when told it is taken, another (up to ATTEMPTS), like someone clicking
// around a live seat map. Then the same number of single-seat holds as a bare conditional UPDATE
// on Postgres, to show what the locks, checks, outbox and HTTP cost on top of the guard itself.
//   npm run bench            (all benchmarks)
//   BUYERS=5000 SEATS=2000 npx tsx apps/services/inventory/bench/onsale.ts
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { startHarness } from "../test/harness";

const buyers = Number(process.env.BUYERS ?? 2_000);
const seatCount = Number(process.env.SEATS ?? 1_000);
const concurrency = Number(process.env.CONCURRENCY ?? 100);
const attempts = Number(process.env.ATTEMPTS ?? 3);

const h = await startHarness({ LOG_LEVEL: "silent" }, { watch: false });
const { eventId, seats } = await h.stockEvent({ seats: seatCount });
const tokens = await Promise.all(Array.from({ length: buyers }, () => h.issuer.tokenFor()));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms · p95 ${percentile(sorted, 95).toFixed(1)} ms · p99 ${percentile(sorted, 99).toFixed(1)} ms`;
};

// ---- through the API ----
// The buyers run in a worker thread, as plain JS over fetch, so the load generator does not
// compete with the service for its event loop (it still shares the machine's cores).
const buyerScript = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
const { baseUrl, eventId, seatIds, tokens, concurrency, attempts } = workerData;
const believedFree = new Set(seatIds);
const latencies = [];
const outcomes = { held: 0, conflict: 0, other4xx: 0, errors: 0 };
let next = 0;
const reserve = async (token, seatId) => {
  const response = await fetch(baseUrl + "/trpc/reserve", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer " + token },
    body: JSON.stringify({ eventId, seatIds: [seatId] }),
  });
  const body = await response.json();
  return { status: response.status, code: body.error?.data?.code };
};
const buy = async (token) => {
  for (let attempt = 0; attempt < attempts && believedFree.size > 0; attempt += 1) {
    const pool = [...believedFree];
    const seatId = pool[Math.floor(Math.random() * pool.length)];
    const started = performance.now();
    const outcome = await reserve(token, seatId).catch(() => ({ status: 599 }));
    latencies.push(performance.now() - started);
    believedFree.delete(seatId);
    if (outcome.status === 200) { outcomes.held += 1; return; }
    if (outcome.status >= 500) outcomes.errors += 1;
    else if (outcome.code === "CONFLICT") outcomes.conflict += 1;
    else outcomes.other4xx += 1;
  }
};
(async () => {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tokens.length) { const token = tokens[next]; next += 1; await buy(token); }
  }));
  parentPort.postMessage({ latencies, outcomes, seconds: (performance.now() - t0) / 1000 });
})();
`;
type BuyerReport = {
  latencies: number[];
  outcomes: { held: number; conflict: number; other4xx: number; errors: number };
  seconds: number;
};
const report = await new Promise<BuyerReport>((resolve, reject) => {
  const worker = new Worker(buyerScript, {
    eval: true,
    workerData: {
      baseUrl: h.baseUrl,
      eventId,
      seatIds: seats.map((s) => s.seatId),
      tokens: tokens.map((t) => t.token),
      concurrency,
      attempts,
    },
  });
  worker.once("message", (message: BuyerReport) => resolve(message));
  worker.once("error", reject);
});
const { latencies, outcomes } = report;
const apiSeconds = report.seconds;
const apiRate = latencies.length / apiSeconds;

const db = h.inventory.db;
const [check] = await db.$queryRawUnsafe<
  Array<{ heldSeats: number; activeHolds: number; oversold: number }>
>(
  `SELECT (SELECT count(*)::int FROM seat WHERE event_id = $1::uuid AND state = 'held') AS "heldSeats",
          (SELECT count(*)::int FROM reservation WHERE event_id = $1::uuid AND status = 'active') AS "activeHolds",
          (SELECT count(*)::int FROM (
             SELECT rs.seat_id FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
              WHERE r.event_id = $1::uuid AND r.status = 'active'
              GROUP BY rs.seat_id HAVING count(*) > 1) x) AS oversold`,
  eventId,
);

// ---- the bare guard: the same conditional UPDATE, straight on Postgres ----
const raw = await h.stockEvent({ seats: seatCount });
const rawLatencies: number[] = [];
let rawHeld = 0;
let rawNext = 0;
const rawTotal = latencies.length;
const t1 = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, 20) }, async () => {
    while (rawNext < rawTotal) {
      rawNext += 1;
      const seat = raw.seats[Math.floor(Math.random() * raw.seats.length)]!;
      const started = performance.now();
      rawHeld += await db.$executeRawUnsafe(
        `UPDATE seat SET state = 'held', reservation_id = $1::uuid, version = version + 1
          WHERE id = $2::uuid AND state = 'available'`,
        randomUUID(),
        seat.seatId,
      );
      rawLatencies.push(performance.now() - started);
    }
  }),
);
const rawSeconds = (performance.now() - t1) / 1_000;
const rawRate = rawTotal / rawSeconds;

console.log(
  [
    `inventory on-sale: ${buyers} buyers, ${seatCount} seats, ${concurrency} in flight, up to ${attempts} tries each`,
    `  API       ${latencies.length} reserve calls in ${apiSeconds.toFixed(2)} s = ${apiRate.toFixed(0)} calls/s (${(outcomes.held / apiSeconds).toFixed(0)} holds/s)`,
    `            latency ${summary(latencies)}`,
    `            held ${outcomes.held} · taken (409) ${outcomes.conflict} · other 4xx ${outcomes.other4xx} · 5xx ${outcomes.errors}`,
    `            database: ${check?.heldSeats} seats held by ${check?.activeHolds} holds, oversold ${check?.oversold}`,
    `  raw SQL   ${rawTotal} conditional UPDATEs in ${rawSeconds.toFixed(2)} s = ${rawRate.toFixed(0)}/s (${rawHeld} took a seat), ${summary(rawLatencies)}`,
    `  ratio     API / raw UPDATE = ${(apiRate / rawRate).toFixed(3)} (${(rawRate / apiRate).toFixed(1)}x slower per call)`,
  ].join("\n"),
);

await h.stop();
if ((check?.oversold ?? 1) !== 0 || check?.heldSeats !== outcomes.held) {
  console.error("OVERSOLD or inconsistent: the seat guard failed");
  process.exit(1);
}
process.exit(0);
