// An on-sale rush through the real HTTP API, against inventory run as PROCESSES=1 and PROCESSES=2
// (its bundle, `node --enable-source-maps dist/main.js`, exactly as `npm start` runs it; `npm run
// bench` builds stale bundles first), then the bare database write
// it is measured against.
//   1. single seats: BUYERS signed-in customers (default 2,000) go for SEATS seats (default 1,000)
//      of a fresh event, CONCURRENCY at a time; each tries a random seat it believes free and, when
//      told it is taken, another (up to ATTEMPTS), like someone clicking around a live seat map;
//   2. multi-seat holds at 10x contention: MULTI_BUYERS (2,000) each ask once for 2 or 4 adjacent
//      seats among MULTI_SEATS (200), overlapping; afterwards the database must show no seat in two
//      active holds and every 200 answer exactly as an active hold;
//   0. first a warm-up rush on an event of its own with buyers of their own (WARMUP buyers,
//      default 1,000), printed as the cold start: a service in an on-sale has been running for
//      hours, so the rush is measured on a warm process (JIT-compiled code, open connections), while
//      each measured buyer's token is still verified for the first time;
//   3. the bare guard: as many single-row conditional UPDATEs as the API made holds, each taking a
//      free seat (a shuffled fresh event, every seat used once), through a plain `pg` Pool at each
//      of POOL_SIZES, keeping the fastest, so the ratio cannot improve by slowing the baseline.
//   npm run bench:onsale
//   BUYERS=1000 SEATS=500 PROCESSES_LIST=1,2 npx tsx apps/services/inventory/bench/onsale.ts
// Inventory runs on the machine's Node and, when `npm run bench` provides it (BENCH_NODE_LTS, the
// path of a `node` binary), on the Node LTS the images run; RUNTIMES=machine or RUNTIMES=lts picks one.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { createSchemaPool } from "@marquee/db/pool";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { createHoldBatcher } from "../src/adapters/db/hold-seats";
import { holdInDatabase } from "../src/app/reserve-seats";
import { startHarness, type SeatSpec } from "../test/harness";
import { freePort } from "@marquee/testkit/service-process";

const buyers = Number(process.env.BUYERS ?? 2_000);
const seatCount = Number(process.env.SEATS ?? 1_000);
const concurrency = Number(process.env.CONCURRENCY ?? 100);
const attempts = Number(process.env.ATTEMPTS ?? 3);
const multiSeats = Number(process.env.MULTI_SEATS ?? 200);
const multiBuyers = Number(process.env.MULTI_BUYERS ?? multiSeats * 10);
const poolSizes = (process.env.POOL_SIZES ?? "4,8,16,32,64").split(",").map(Number);
const processCounts = (process.env.PROCESSES_LIST ?? "1,2").split(",").map(Number);
const warmupBuyers = Number(process.env.WARMUP ?? 1_000);

type Runtime = { key: "machine" | "lts"; label: string; execPath: string };
const lts = process.env.BENCH_NODE_LTS;
const wantedRuntimes = process.env.RUNTIMES?.split(",");
const runtimes: Runtime[] = [
  {
    key: "machine" as const,
    label: `Node ${process.versions.node} (this machine's)`,
    execPath: process.execPath,
  },
  ...(lts
    ? [
        {
          key: "lts" as const,
          label: `Node ${execFileSync(lts, ["--version"]).toString().trim().slice(1)} (the images')`,
          execPath: lts,
        },
      ]
    : []),
].filter((runtime) => !wantedRuntimes || wantedRuntimes.includes(runtime.key));
if (runtimes.length === 0)
  throw new Error(`RUNTIMES=${process.env.RUNTIMES} names no runtime here`);

const h = await startHarness({ LOG_LEVEL: "silent" }, { watch: false, shared: true });
const issueTokens = async (count: number) =>
  (await Promise.all(Array.from({ length: count }, () => h.issuer.tokenFor()))).map((t) => t.token);
const tokens = await issueTokens(Math.max(buyers, multiBuyers));
// Warm-up buyers of their own, so every measured buyer's token is still new to the service.
const warmupTokens = await issueTokens(warmupBuyers);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const latencySummary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const p = (q: number) => `${percentile(sorted, q).toFixed(1)} ms`;
  return { p99: percentile(sorted, 99), text: `p50 ${p(50)} · p95 ${p(95)} · p99 ${p(99)}` };
};
const shuffle = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/**
 * CPU time (ms) used so far by a process and its descendants (the cluster's workers), from /proc:
 * a figure that a busy machine does not inflate the way it inflates wall-clock rates. Linux only.
 */
const cpuMsOf = (rootPid: number): number | null => {
  try {
    const stats = readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          const text = readFileSync(`/proc/${pid}/stat`, "utf8");
          const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
          // After "(comm) ": state, ppid, ..., utime = fields[11], stime = fields[12], in ticks (100/s).
          return [
            {
              pid: Number(pid),
              ppid: Number(fields[1]),
              ticks: Number(fields[11]) + Number(fields[12]),
            },
          ];
        } catch {
          return [];
        }
      });
    const tree = new Set([rootPid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of stats) {
        if (tree.has(s.ppid) && !tree.has(s.pid)) {
          tree.add(s.pid);
          grew = true;
        }
      }
    }
    return stats.filter((s) => tree.has(s.pid)).reduce((ms, s) => ms + s.ticks * 10, 0);
  } catch {
    return null;
  }
};

// ---- inventory as its own process(es), the way `npm start` runs it ----
const startInventory = async (
  processes: number,
  runtime: Runtime,
): Promise<{ url: string; cpuMs(): number | null; stop(): Promise<void> }> => {
  const port = await freePort();
  const child: ChildProcess = spawn(
    runtime.execPath,
    [
      // INVENTORY_CPU_PROF=<dir> profiles the service under the rush (node --cpu-prof).
      ...(process.env.INVENTORY_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.INVENTORY_CPU_PROF}`]
        : []),
      "--enable-source-maps",
      "dist/main.js",
    ],
    {
      cwd: join(import.meta.dirname, ".."),
      env: {
        ...process.env,
        NODE_ENV: "test",
        // Kafka's rebalancing chatter would bury the figures; INVENTORY_LOG_LEVEL=warn shows it.
        LOG_LEVEL: process.env.INVENTORY_LOG_LEVEL ?? "fatal",
        DATABASE_URL: testEnv.databaseUrl,
        REDIS_URL: testEnv.redisUrl,
        KAFKA_BROKERS: testKafkaBrokers().join(","),
        HOST: "127.0.0.1",
        PORT: String(port),
        IDENTITY_JWKS_URL: h.issuer.jwksUrl,
        PROCESSES: String(processes),
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`inventory (PROCESSES=${processes}) exited`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`inventory (PROCESSES=${processes}) never ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    cpuMs: () => (child.pid === undefined ? null : cpuMsOf(child.pid)),
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
};

// ---- buyers: a worker thread, plain JS speaking HTTP/1.1 over kept-alive sockets of its own (one
// per buyer in flight), so the load generator has its own loop and takes as little of the
// machine's cores as it can. It shares the 2 cores with the service under test: through node:http
// it took about a quarter of them in the rush (fetch costs more still); a request written as one
// string and an answer read by its Content-Length cost a fraction of that. ----
const buyerScript = `
const { parentPort, workerData } = require("node:worker_threads");
const net = require("node:net");
const { performance } = require("node:perf_hooks");
const { baseUrl, eventId, mode, seatIds, tokens, requests, concurrency, attempts } = workerData;
// The seats a buyer still believes free: an array for an O(1) random pick, each seat's index kept
// so it leaves in O(1) (swapped with the last); copying the whole set per attempt cost the load
// generator more CPU than its HTTP request.
const believedFree = seatIds.slice();
const freeIndex = new Map(believedFree.map((id, i) => [id, i]));
const forget = (seatId) => {
  const i = freeIndex.get(seatId);
  if (i === undefined) return;
  const last = believedFree.pop();
  freeIndex.delete(seatId);
  if (last !== seatId) { believedFree[i] = last; freeIndex.set(last, i); }
};
const latencies = [];
const outcomes = { held: 0, conflict: 0, other4xx: 0, errors: 0 };
const holds = [];
let next = 0;
const { hostname, port } = new URL(baseUrl);
// One kept-alive connection: a request at a time, the answer framed by its Content-Length (the
// service answers tRPC calls that way). A closed socket is replaced on the next request.
const connect = () => {
  const socket = net.connect({ host: hostname, port: Number(port) });
  socket.setNoDelay(true);
  const conn = { socket, pending: null, buffer: null, closed: false };
  const fail = (error) => {
    conn.closed = true;
    const pending = conn.pending;
    conn.pending = null;
    if (pending) pending.reject(error);
  };
  socket.on("data", (chunk) => {
    conn.buffer = conn.buffer ? Buffer.concat([conn.buffer, chunk]) : chunk;
    const headEnd = conn.buffer.indexOf("\\r\\n\\r\\n");
    if (headEnd < 0) return;
    const head = conn.buffer.toString("latin1", 0, headEnd);
    const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
    if (!length) return fail(new Error("an answer without Content-Length: " + head));
    const end = headEnd + 4 + Number(length[1]);
    if (conn.buffer.length < end) return;
    const body = conn.buffer.toString("utf8", headEnd + 4, end);
    conn.buffer = null;
    const pending = conn.pending;
    conn.pending = null;
    if (/\\r\\nconnection: *close/i.test(head)) {
      conn.closed = true;
      socket.end();
    }
    pending.resolve({ status: Number(head.slice(9, 12)), body });
  });
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("connection closed before the answer")));
  return conn;
};
const connections = [];
const send = (conn, text) => new Promise((resolve, reject) => {
  conn.pending = { resolve, reject };
  conn.socket.write(text);
});
const reserve = async (slot, token, ids) => {
  if (!connections[slot] || connections[slot].closed) connections[slot] = connect();
  const payload = JSON.stringify({ eventId, seatIds: ids });
  const { status, body } = await send(connections[slot],
    "POST /trpc/reserve HTTP/1.1\\r\\nHost: " + hostname + ":" + port +
    "\\r\\nContent-Type: application/json\\r\\nContent-Length: " + Buffer.byteLength(payload) +
    "\\r\\nAuthorization: Bearer " + token + "\\r\\n\\r\\n" + payload);
  const answer = JSON.parse(body);
  return { status, code: answer.error?.data?.code, data: answer.result?.data };
};
const attempt = async (slot, token, ids) => {
  const started = performance.now();
  const outcome = await reserve(slot, token, ids).catch(() => ({ status: 599 }));
  latencies.push(performance.now() - started);
  if (outcome.status === 200) {
    outcomes.held += 1;
    holds.push({ reservationId: outcome.data.reservationId, seatIds: outcome.data.seats.map((s) => s.seatId) });
    return true;
  }
  if (outcome.status >= 500) outcomes.errors += 1;
  else if (outcome.code === "CONFLICT") outcomes.conflict += 1;
  else outcomes.other4xx += 1;
  return false;
};
const buy = async (slot, i) => {
  if (mode === "multi") { await attempt(slot, tokens[i], requests[i]); return; }
  for (let a = 0; a < attempts && believedFree.length > 0; a += 1) {
    const seatId = believedFree[Math.floor(Math.random() * believedFree.length)];
    const held = await attempt(slot, tokens[i], [seatId]);
    forget(seatId);
    if (held) return;
  }
};
(async () => {
  const total = mode === "multi" ? requests.length : tokens.length;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, slot) => {
    while (next < total) { const i = next; next += 1; await buy(slot, i); }
  }));
  const seconds = (performance.now() - t0) / 1000;
  for (const conn of connections) conn?.socket.destroy();
  parentPort.postMessage({ latencies, outcomes, holds, seconds });
})();
`;
type BuyerReport = {
  latencies: number[];
  outcomes: { held: number; conflict: number; other4xx: number; errors: number };
  holds: Array<{ reservationId: string; seatIds: string[] }>;
  seconds: number;
};
const runBuyers = (workerData: Record<string, unknown>) =>
  new Promise<BuyerReport>((resolve, reject) => {
    const worker = new Worker(buyerScript, {
      eval: true,
      workerData: { concurrency, attempts, seatIds: [], requests: [], ...workerData },
    });
    worker.once("message", (message: BuyerReport) => resolve(message));
    worker.once("error", reject);
  });

// ---- what the database says afterwards ----
const db = h.inventory.db;
const checkEvent = async (eventId: string, answers: BuyerReport["holds"]) => {
  const [counts] = await db.$queryRawUnsafe<
    Array<{ heldSeats: number; activeHolds: number; doubleHeld: number }>
  >(
    `SELECT (SELECT count(*)::int FROM seat WHERE event_id = $1::uuid AND state = 'held') AS "heldSeats",
            (SELECT count(*)::int FROM reservation WHERE event_id = $1::uuid AND status = 'active') AS "activeHolds",
            (SELECT count(*)::int FROM (
               SELECT rs.seat_id FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
                WHERE r.event_id = $1::uuid AND r.status = 'active'
                GROUP BY rs.seat_id HAVING count(*) > 1) x) AS "doubleHeld"`,
    eventId,
  );
  // Every successful answer, exactly as the database has it: an active hold listing those seats,
  // each seat pointing back at it.
  const rows = await db.$queryRawUnsafe<Array<{ reservationId: string; seatIds: string[] }>>(
    `SELECT r.id::text AS "reservationId",
            array_agg(rs.seat_id::text ORDER BY rs.seat_id) FILTER (WHERE s.reservation_id = r.id AND s.state = 'held') AS "seatIds"
       FROM reservation r JOIN reservation_seat rs ON rs.reservation_id = r.id JOIN seat s ON s.id = rs.seat_id
      WHERE r.event_id = $1::uuid AND r.status = 'active'
      GROUP BY r.id`,
    eventId,
  );
  const inDb = new Map(rows.map((r) => [r.reservationId, (r.seatIds ?? []).join(",")]));
  const matching = answers.filter(
    (a) => inDb.get(a.reservationId) === [...a.seatIds].sort().join(","),
  ).length;
  const ok =
    counts?.doubleHeld === 0 &&
    matching === answers.length &&
    counts.activeHolds === answers.length &&
    counts.heldSeats === answers.reduce((n, a) => n + a.seatIds.length, 0);
  return { ...counts, matching, answers: answers.length, ok };
};

/** 2 or 4 adjacent seats (same row, consecutive numbers) for each buyer, overlapping at random. */
const adjacentRequests = (seats: SeatSpec[], count: number): string[][] => {
  const rows = new Map<string, SeatSpec[]>();
  for (const seat of seats) rows.set(seat.row, [...(rows.get(seat.row) ?? []), seat]);
  const ordered = [...rows.values()].map((row) => row.sort((a, b) => a.number - b.number));
  return Array.from({ length: count }, () => {
    const size = Math.random() < 0.5 ? 2 : 4;
    const row = ordered[Math.floor(Math.random() * ordered.length)]!;
    const start = Math.floor(Math.random() * (row.length - size + 1));
    return row.slice(start, start + size).map((s) => s.seatId);
  });
};

type Run = {
  runtime: Runtime;
  processes: number;
  /** The warm-up rush on the just-started process: its latency, not part of the figures. */
  coldStart: BuyerReport;
  single: BuyerReport;
  singleCheck: Awaited<ReturnType<typeof checkEvent>>;
  multi: BuyerReport;
  multiCheck: Awaited<ReturnType<typeof checkEvent>>;
  /** Inventory's CPU time (all its processes) during the single-seat and the multi-seat rush. */
  singleCpuMs: number | null;
  multiCpuMs: number | null;
  /** CPU ms per second it burns idle (consumers, relay, expiry worker), measured after the rush. */
  idleCpuMsPerSecond: number | null;
};
const runs: Run[] = [];
/** Every event this run stocked, whose holds are withdrawn at the end. */
const benchEvents: string[] = [];
for (const [runtime, processes] of runtimes.flatMap((r) =>
  processCounts.map((n) => [r, n] as const),
)) {
  const inventory = await startInventory(processes, runtime);
  try {
    const warmup = await h.stockEvent({ seats: Math.max(1, Math.ceil(warmupBuyers / 2)) });
    benchEvents.push(warmup.eventId);
    const coldStart = await runBuyers({
      baseUrl: inventory.url,
      eventId: warmup.eventId,
      mode: "single",
      seatIds: warmup.seats.map((s) => s.seatId),
      tokens: warmupTokens,
    });
    const single = await h.stockEvent({ seats: seatCount });
    benchEvents.push(single.eventId);
    const cpu0 = inventory.cpuMs();
    const singleReport = await runBuyers({
      baseUrl: inventory.url,
      eventId: single.eventId,
      mode: "single",
      seatIds: single.seats.map((s) => s.seatId),
      tokens: tokens.slice(0, buyers),
    });
    const cpu1 = inventory.cpuMs();
    const multi = await h.stockEvent({ seats: multiSeats });
    benchEvents.push(multi.eventId);
    const cpu2 = inventory.cpuMs();
    const multiReport = await runBuyers({
      baseUrl: inventory.url,
      eventId: multi.eventId,
      mode: "multi",
      tokens: tokens.slice(0, multiBuyers),
      requests: adjacentRequests(multi.seats, multiBuyers),
    });
    const cpu3 = inventory.cpuMs();
    // Afterwards, when it is warm and its consumers have joined: what it burns doing nothing.
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idle1 = inventory.cpuMs();
    const idleSeconds = (performance.now() - idleStarted) / 1_000;
    const idle0 = cpu3;
    const spent = (from: number | null, to: number | null) =>
      from === null || to === null ? null : to - from;
    runs.push({
      runtime,
      processes,
      coldStart,
      singleCpuMs: spent(cpu0, cpu1),
      idleCpuMsPerSecond: idle0 === null || idle1 === null ? null : (idle1 - idle0) / idleSeconds,
      multiCpuMs: spent(cpu2, cpu3),
      single: singleReport,
      singleCheck: await checkEvent(single.eventId, singleReport.holds),
      multi: multiReport,
      multiCheck: await checkEvent(multi.eventId, multiReport.holds),
    });
  } finally {
    await inventory.stop();
  }
}

// ---- the bare guard: one conditional UPDATE per hold, each on a free seat, plain pg Pool ----
const writes = Math.max(1, ...runs.map((r) => r.single.outcomes.held));
const bare = await h.stockEvent({ seats: writes * (poolSizes.length + 1) });
benchEvents.push(bare.eventId);
const freeSeats = shuffle(bare.seats.map((s) => s.seatId));
const bareRuns: Array<{ size: number; rate: number; took: number; latency: string }> = [];
for (const [i, size] of poolSizes.entries()) {
  const seats = freeSeats.slice(i * writes, (i + 1) * writes);
  const pool = createSchemaPool({
    url: testEnv.databaseUrl,
    schema: "bc_inventory",
    poolMax: size,
  });
  // Open every connection first, so the timing is of writes, not of connecting.
  await Promise.all(Array.from({ length: size }, async () => (await pool.connect()).release()));
  const latencies: number[] = [];
  let took = 0;
  let nextSeat = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (nextSeat < seats.length) {
        const seatId = seats[nextSeat]!;
        nextSeat += 1;
        const started = performance.now();
        const result = await pool.query({
          name: "bench-bare-hold",
          text: `UPDATE seat SET state = 'held', reservation_id = $1::uuid, version = version + 1,
                        updated_at = now()
                  WHERE id = $2::uuid AND state = 'available'`,
          values: [randomUUID(), seatId],
        });
        took += result.rowCount ?? 0;
        latencies.push(performance.now() - started);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1_000;
  await pool.end();
  bareRuns.push({
    size,
    rate: seats.length / seconds,
    took,
    latency: latencySummary(latencies).text,
  });
}
const best = bareRuns.reduce((a, b) => (b.rate > a.rate ? b : a));

// ---- the hold statement alone (hold_seats_batch, batched as the service batches) at the baseline's best pool:
// how much of the gap is the database's work for a hold (reservation, listing, outbox row, cap) ----
const statementSeats = freeSeats.slice(poolSizes.length * writes);
const statementPool = createSchemaPool({
  url: testEnv.databaseUrl,
  schema: "bc_inventory",
  poolMax: best.size,
});
await Promise.all(
  Array.from({ length: best.size }, async () => (await statementPool.connect()).release()),
);
const seatFacts = new Map(bare.seats.map((s) => [s.seatId, s]));
let statementHeld = 0;
let nextStatement = 0;
// Batched the way inventory batches (its default statements in flight), fed by pool-size callers.
const statementHolds = createHoldBatcher(statementPool, { defaultTtlSeconds: 900, cap: 10 });
const tStatement = performance.now();
await Promise.all(
  Array.from({ length: best.size }, async () => {
    while (nextStatement < statementSeats.length) {
      const seat = seatFacts.get(statementSeats[nextStatement]!)!;
      nextStatement += 1;
      const held = await holdInDatabase(
        { holds: statementHolds, settings: { holdTtlSeconds: 900, maxSeatsPerCustomer: 10 } },
        {
          customerId: randomUUID(),
          customerEmail: `${randomUUID()}@example.com`,
          eventId: bare.eventId,
          seatIds: [seat.seatId],
          cause: { correlationId: randomUUID() },
        },
        [{ ...seat, id: seat.seatId, eventId: bare.eventId, currency: "EUR" }],
      );
      if (held.ok) statementHeld += 1;
    }
  }),
);
const statementRate = statementSeats.length / ((performance.now() - tStatement) / 1_000);
await statementPool.end();

// ---- report ----
const lines = [
  `inventory on-sale: ${buyers} buyers for ${seatCount} seats (up to ${attempts} tries each), then ${multiBuyers} buyers for pairs/fours of ${multiSeats} seats; ${concurrency} in flight`,
  `  bare UPDATE (pg Pool, ${writes} writes, each takes a free seat):`,
  ...bareRuns.map(
    (b) =>
      `    pool ${String(b.size).padStart(2)}: ${b.rate.toFixed(0).padStart(5)} writes/s (${b.took} took a seat) · ${b.latency}`,
  ),
  `    best: ${best.rate.toFixed(0)} writes/s at pool ${best.size}`,
  `  hold statement alone (hold_seats_batch, batched as inventory does, no HTTP/Redis, pool ${best.size}): ${statementRate.toFixed(0)} holds/s (${statementHeld} held) = ${(statementRate / best.rate).toFixed(2)} of the bare UPDATE`,
];
let failed = bareRuns.some((b) => b.took !== writes) || statementHeld !== statementSeats.length;
for (const run of runs) {
  const { single, singleCheck, multi, multiCheck } = run;
  const calls = single.latencies.length / single.seconds;
  const holds = single.outcomes.held / single.seconds;
  const latency = latencySummary(single.latencies);
  const multiLatency = latencySummary(multi.latencies);
  const multiSeatsHeld = multi.holds.reduce((n, a) => n + a.seatIds.length, 0);
  const perCall = (cpuMs: number | null, calls: number) =>
    cpuMs === null ? "n/a" : `${(cpuMs / calls).toFixed(2)} ms`;
  const net = (cpuMs: number | null, seconds: number) =>
    cpuMs === null || run.idleCpuMsPerSecond === null
      ? null
      : Math.max(0, cpuMs - run.idleCpuMsPerSecond * seconds);
  failed ||=
    !singleCheck.ok ||
    !multiCheck.ok ||
    single.outcomes.errors + multi.outcomes.errors + run.coldStart.outcomes.errors > 0;
  const cold = run.coldStart;
  lines.push(
    `  API, ${run.processes} process${run.processes === 1 ? "" : "es"}, ${run.runtime.label}:`,
    `    cold start    ${cold.latencies.length} warm-up calls (other buyers, another event) on the just-started process: ${(cold.latencies.length / cold.seconds).toFixed(0)} calls/s · ${latencySummary(cold.latencies).text}`,
    `    single seats  ${single.latencies.length} reserve calls in ${single.seconds.toFixed(2)} s = ${calls.toFixed(0)} calls/s, ${holds.toFixed(0)} holds/s · ${latency.text}`,
    `                  held ${single.outcomes.held} · taken (409) ${single.outcomes.conflict} · other 4xx ${single.outcomes.other4xx} · 5xx ${single.outcomes.errors}`,
    `                  database: ${singleCheck.heldSeats} seats held by ${singleCheck.activeHolds} holds, seats in two holds ${singleCheck.doubleHeld}, answers matching ${singleCheck.matching}/${singleCheck.answers}`,
    `                  inventory CPU ${perCall(run.singleCpuMs, single.latencies.length)} per call, ${perCall(run.singleCpuMs, single.outcomes.held)} per hold; net of what it burns idle (${run.idleCpuMsPerSecond?.toFixed(0) ?? "n/a"} ms/s: consumers, relay, expiry) ${perCall(net(run.singleCpuMs, single.seconds), single.latencies.length)} per call (all its processes)`,
    `    ratio         calls/s ÷ bare writes/s = ${(calls / best.rate).toFixed(3)} · holds/s ÷ bare writes/s = ${(holds / best.rate).toFixed(3)} · p99 ${latency.p99.toFixed(0)} ms (target ≥ 0.5, < 250 ms)`,
    `    pairs/fours   ${multi.latencies.length} calls in ${multi.seconds.toFixed(2)} s = ${(multi.latencies.length / multi.seconds).toFixed(0)} calls/s · ${multiLatency.text}`,
    `                  held ${multi.outcomes.held} (${multiSeatsHeld} seats) · taken (409) ${multi.outcomes.conflict} · other 4xx ${multi.outcomes.other4xx} · 5xx ${multi.outcomes.errors}`,
    `                  inventory CPU ${perCall(run.multiCpuMs, multi.latencies.length)} per call, net of idle ${perCall(net(run.multiCpuMs, multi.seconds), multi.latencies.length)}`,
    `                  database: ${multiCheck.heldSeats} seats held by ${multiCheck.activeHolds} holds, seats in two holds ${multiCheck.doubleHeld}, answers matching ${multiCheck.matching}/${multiCheck.answers}`,
  );
}
if (runs.length > 1) {
  lines.push(
    "  side by side (single seats, warm):",
    ...runs.map(
      (r) =>
        `    ${r.processes} process${r.processes === 1 ? ", " : "es,"} ${r.runtime.label}: ${(r.single.outcomes.held / r.single.seconds).toFixed(0)} holds/s, ${(r.single.latencies.length / r.single.seconds).toFixed(0)} calls/s, p99 ${latencySummary(r.single.latencies).p99.toFixed(0)} ms`,
    ),
  );
}
console.log(lines.join("\n"));

// Thousands of holds left to run out would expire 15 minutes later, in the middle of whatever
// benchmark runs then (the expiry worker releasing them and every service applying the
// announcements): they are withdrawn here instead, quietly, as these events are never seen again.
await db.$executeRawUnsafe(
  `UPDATE seat SET state = 'available', reservation_id = NULL, version = version + 1, updated_at = now()
    WHERE event_id = ANY($1::uuid[]) AND state <> 'available'`,
  benchEvents,
);
await db.$executeRawUnsafe(
  `UPDATE reservation SET status = 'released', closed_at = now()
    WHERE event_id = ANY($1::uuid[]) AND status = 'active'`,
  benchEvents,
);
await h.stop();
if (failed) {
  console.error("OVERSOLD or inconsistent: the seat guard failed, or a request failed with 5xx");
  process.exit(1);
}
process.exit(0);
