// The stadium's seat map over real HTTP: latency of `seatMap` for the seeded 20,800-seat event
// (REQUESTS sequential calls after a warm-up, default 60), its JSON and gzip sizes, and the size
// of one section's `seatIds` answer.
//   npm run bench
//   REQUESTS=200 npx tsx apps/services/catalog/bench/seatmap.ts
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { seedCatalogWith, seedEvents } from "../src/app/seed-catalog";
import { startHarness } from "../test/harness";

const requests = Number(process.env.REQUESTS ?? 60);
const h = await startHarness();
await seedCatalogWith(h.catalog.deps);
const stadium = seedEvents.find((e) => e.venue.name === "Estadio Ribera");
if (!stadium) throw new Error("no stadium event in the seed");
const url = (procedure: string, input: unknown) =>
  `${h.baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

const get = async (procedure: string, input: unknown) => {
  const response = await fetch(url(procedure, input));
  const body = await response.text();
  if (!response.ok) throw new Error(`${procedure}: ${response.status} ${body.slice(0, 200)}`);
  return body;
};

const mapInput = { eventId: stadium.id };
// The first call encodes the layout (then cached per process); later calls read availability only.
const coldStart = performance.now();
await get("seatMap", mapInput);
const coldMs = performance.now() - coldStart;
for (let i = 0; i < 4; i += 1) await get("seatMap", mapInput);
const latencies: number[] = [];
let body = "";
for (let i = 0; i < requests; i += 1) {
  const started = performance.now();
  body = await get("seatMap", mapInput);
  latencies.push(performance.now() - started);
}
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
type Body = { result: { data: { seatCount: number; sections: Array<{ availability: string }> } } };
const parsed = JSON.parse(body) as Body;
const map = parsed.result.data;
// What a busy on-sale looks like on the wire: 30% of seats held or sold at random.
for (const section of map.sections) {
  section.availability = [...section.availability]
    .map((c) => (Math.random() < 0.3 ? (Math.random() < 0.5 ? "h" : "s") : c))
    .join("");
}
const busy = JSON.stringify(parsed);
const ids = await get("seatIds", { eventId: stadium.id, section: 0 });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

console.log(
  [
    `catalog seat map: "${stadium.name}", ${map.seatCount} seats in ${map.sections.length} sections, ${requests} sequential requests`,
    `  latency   p50 ${pct(50).toFixed(1)} ms · p95 ${pct(95).toFixed(1)} ms · max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms`,
    `  first call (layout not cached yet) ${coldMs.toFixed(1)} ms`,
    `  seatMap   JSON ${kb(Buffer.byteLength(body))} · gzip ${kb(gzipSync(body).length)} (all free); 30% taken at random: gzip ${kb(gzipSync(busy).length)}`,
    `  seatIds   one section: JSON ${kb(Buffer.byteLength(ids))} · gzip ${kb(gzipSync(ids).length)}`,
  ].join("\n"),
);
await h.stop();
process.exit(0);
