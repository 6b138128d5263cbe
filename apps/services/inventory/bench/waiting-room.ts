// A waiting room under an on-sale burst, through the real HTTP API of one inventory process:
//   1. VISITORS guests (default 5,000), each with a solved proof of work, join the pre-queue of a
//      fresh event at once, CONCURRENCY joins in flight (default 200): join latency p50/p95/p99;
//   2. Redis memory the room takes (MEMORY USAGE of its keys), scaled to 10,000 queued visitors;
//   3. the sale opens: admission at ADMIT_PER_MINUTE (default 6,000) is measured over SECONDS
//      (default 20) of real time, driven only by the ticker (no visitor polls), against the set rate.
//   npx tsx apps/services/inventory/bench/waiting-room.ts      (part of npm run bench)
//   VISITORS=10000 ADMIT_PER_MINUTE=3000 SECONDS=30 npx tsx apps/services/inventory/bench/waiting-room.ts
import { performance } from "node:perf_hooks";
import { createRedis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { callTrpc, startHarness } from "../test/harness";
import { announceSale, createProofs } from "../test/waiting-room-support";
import { createWaitingRoomStore } from "../src/adapters/redis/waiting-room-store";
import type { WaitingRoomStats } from "../src/app/get-waiting-room-stats";

const visitors = Number(process.env.VISITORS ?? 5_000);
const concurrency = Number(process.env.CONCURRENCY ?? 200);
const admitPerMinute = Number(process.env.ADMIT_PER_MINUTE ?? 6_000);
const seconds = Number(process.env.SECONDS ?? 20);

const h = await startHarness({ LOG_LEVEL: "silent" }, { watch: false, shared: true });
const redis = createRedis(testEnv.redisUrl, console);
const proofs = createProofs(redis);
const adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;

console.log(`waiting room: preparing ${visitors} guests with solved proofs of work…`);
const guests = await Promise.all(
  Array.from({ length: visitors }, async () => ({
    token: (await h.issuer.tokenFor({ role: "guest" })).token,
    proof: await proofs.solve(),
  })),
);

const { eventId } = await h.stockEvent({ seats: 1 });
const opensAt = new Date(Date.now() + 10 * 60_000);
const waitingRoom = { admitPerMinute, windowSeconds: 600 };
await announceSale(h, eventId, { salesOpenAt: opensAt, waitingRoom });

// 1. The burst.
const latencies: number[] = [];
let failures = 0;
let next = 0;
const burstStarted = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < guests.length) {
      const guest = guests[next]!;
      next += 1;
      const started = performance.now();
      const result = await callTrpc(
        h.baseUrl,
        "joinWaitingRoom",
        { eventId, proof: guest.proof },
        { token: guest.token },
      );
      latencies.push(performance.now() - started);
      if (!result.ok) failures += 1;
    }
  }),
);
const burstSeconds = (performance.now() - burstStarted) / 1_000;
latencies.sort((a, b) => a - b);

const stats = async () => {
  const result = await callTrpc<WaitingRoomStats>(
    h.baseUrl,
    "waitingRoomStats",
    { eventId },
    { token: adminToken, kind: "query" },
  );
  if (!result.ok) throw new Error(`waitingRoomStats: ${result.message}`);
  return result.data;
};
const queued = (await stats()).queued;

// 2. Memory of the room while everyone waits (queue, arrival counter, state; no admissions yet).
const bytes = await createWaitingRoomStore(redis).memoryUsage(eventId);
const per10k = (bytes / Math.max(1, queued)) * 10_000;

// 3. Open the sale now and let the ticker admit.
await announceSale(h, eventId, { salesOpenAt: new Date(Date.now() + 1_000), waitingRoom });
await new Promise((resolve) => setTimeout(resolve, 2_500));
const first = await stats();
const firstAt = performance.now();
await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
const last = await stats();
const elapsedMinutes = (performance.now() - firstAt) / 60_000;
const measuredRate = (last.admitted - first.admitted) / elapsedMinutes;

console.log(`
waiting room (${visitors} visitors, ${concurrency} joins in flight, one inventory process)
  join burst        ${visitors} joins in ${burstSeconds.toFixed(1)} s (${Math.round(visitors / burstSeconds)} joins/s), ${failures} failed, ${queued} queued
  join latency      p50 ${ms(percentile(latencies, 50))} · p95 ${ms(percentile(latencies, 95))} · p99 ${ms(percentile(latencies, 99))}
  Redis memory      ${(bytes / 1024).toFixed(0)} KiB for ${queued} queued → ${(per10k / 1024 / 1024).toFixed(2)} MiB per 10,000 queued visitors
  admission rate    ${Math.round(measuredRate)}/min measured over ${(elapsedMinutes * 60).toFixed(1)} s against ${admitPerMinute}/min set (${((measuredRate / admitPerMinute) * 100).toFixed(1)}%); ${last.admitted} admitted, ${last.queued} still queued
`);

redis.disconnect();
await h.stop();
