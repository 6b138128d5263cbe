import { createLogger } from "@marquee/service/logger";
import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WaitingRoomStats } from "../src/app/get-waiting-room-stats";
import type { ReservationView } from "../src/app/reservation-view";
import { waitingRoomKeys } from "../src/adapters/redis/waiting-room-store";
import { loadConfig } from "../src/config";
import { createInventoryService, type InventoryService } from "../src/create-inventory-service";
import { callTrpc, startHarness, type Harness } from "./harness";
import {
  announceSale,
  createProofs,
  join,
  newVisitor,
  statusOf,
  type Visitor,
} from "./waiting-room-support";

// Two more inventory instances run on a clock the test moves (the harness's own runs on real
// time and never sees these rooms open: their openings are days away in real time). All three
// share the harness's scratch schema and consumer groups.
let h: Harness;
let redis: Redis;
let proofs: ReturnType<typeof createProofs>;
let adminToken: string;
// The clock only moves forward through the file, as real time does: each room opens later than
// the one before it.
let t = 0;
const clock = () => new Date(t);
type Instance = { service: InventoryService; url: string };
let b: Instance;
let c: Instance;

const startInstance = async (): Promise<Instance> => {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(","),
    PORT: "0",
    IDENTITY_JWKS_URL: h.issuer.jwksUrl,
    WAITING_ROOM_TICK_MS: "200",
    // Three instances in one test, on a database other suites share: keep the pools small.
    DB_POOL_MAX: "4",
  });
  const service = createInventoryService(config, {
    handleSignals: false,
    logger: createLogger({
      name: "inventory",
      level: process.env.TEST_LOG === "1" ? "info" : "silent",
    }),
    clock,
    isolation: h.isolation,
  });
  return { service, url: await service.start() };
};

/** The harness's inventory and both instances consume: each has its share of every topic. */
const allThreeJoined = () => h.isolation!.joined({ members: 3 });

beforeAll(async () => {
  h = await startHarness({});
  redis = createRedis(testEnv.redisUrl, console);
  proofs = createProofs(redis);
  adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;
  [b, c] = await Promise.all([startInstance(), startInstance()]);
  await allThreeJoined();
}, 120_000);
afterAll(async () => {
  redis.disconnect();
  await Promise.all([b.service.stop(), c.service.stop()]);
  await h.stop();
});

const day = 86_400_000;
/** A whole second some days ahead of real time, so no real-time ticker ever opens the room. */
const openingInDays = (days: number) => Math.ceil((Date.now() + days * day) / 1_000) * 1_000;

const admin = async <T>(url: string, procedure: string, eventId: string) => {
  const kind = procedure === "waitingRoomStats" ? "query" : "mutation";
  const result = await callTrpc<T>(url, procedure, { eventId }, { token: adminToken, kind });
  if (!result.ok) throw new Error(`${procedure}: ${result.code} ${result.message}`);
  return result.data;
};

const statuses = (url: string, visitors: Visitor[], eventId: string) =>
  Promise.all(visitors.map((v) => statusOf(url, v, eventId)));

describe("a waiting room with a set opening", () => {
  let eventId: string;
  let seatId: string;
  let opensAt: number;
  let startsAt: number;
  const early: Visitor[] = [];
  const late: Visitor[] = [];
  /** Visitor id → place at the opening (1-based). */
  const placeAtOpening = new Map<string, number>();

  beforeAll(async () => {
    const stock = await h.stockEvent({ seats: 1 });
    eventId = stock.eventId;
    seatId = stock.seats[0]!.seatId;
    opensAt = openingInDays(2);
    startsAt = opensAt + 7 * day;
    await announceSale(h, eventId, {
      startsAt: new Date(startsAt),
      salesOpenAt: new Date(opensAt),
      waitingRoom: { admitPerMinute: 60, windowSeconds: 120 },
    });
  });

  it("refuses to queue anyone before the pre-queue window, naming when it opens", async () => {
    t = opensAt - 31 * 60_000;
    const visitor = await newVisitor(h);
    const result = await callTrpc(
      b.url,
      "joinWaitingRoom",
      { eventId, proof: await proofs.solve() },
      { token: visitor.token },
    );
    expect(result).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: `The waiting room for this event opens at ${new Date(opensAt - 30 * 60_000).toISOString()}`,
    });
    expect((await statusOf(b.url, visitor, eventId)).state).toBe("not-joined");
  });

  it("draws a random place for everyone who joined before the opening, and queues later arrivals after them in order", async () => {
    t = opensAt - 20 * 60_000;
    for (let i = 0; i < 50; i += 1) {
      const visitor = await newVisitor(h);
      early.push(visitor);
      const status = await join(
        i % 2 === 0 ? b.url : c.url,
        visitor,
        eventId,
        await proofs.solve(),
      );
      expect(status).toMatchObject({
        state: "pre-queue",
        position: null,
        queueLength: i + 1,
        opensAt: new Date(opensAt).toISOString(),
      });
      t += 1_000;
    }
    // Joining again (a reload) keeps the place and adds nobody.
    expect((await join(c.url, early[0]!, eventId, await proofs.solve())).queueLength).toBe(50);

    t = opensAt + 1;
    for (let i = 0; i < 3; i += 1) {
      const visitor = await newVisitor(h);
      late.push(visitor);
      expect((await join(b.url, visitor, eventId, await proofs.solve())).state).toBe("queued");
      t += 1;
    }

    const earlyPlaces = (await statuses(b.url, early, eventId)).map((s) => s.position);
    const latePlaces = (await statuses(c.url, late, eventId)).map((s) => s.position);
    expect([...earlyPlaces].sort((x, y) => x! - y!)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    // The identity permutation would mean arrival order leaked through (chance: 1 in 50!).
    expect(earlyPlaces).not.toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(latePlaces).toEqual([51, 52, 53]);
    // Each early place is its own draw in [0, 1), not a tie broken by the visitor's id.
    const scores = (await redis.zrange(waitingRoomKeys(eventId)[0]!, 0, 49, "WITHSCORES"))
      .filter((_, i) => i % 2 === 1)
      .map(Number);
    expect(new Set(scores).size).toBe(50);
    expect(scores.every((score) => score >= 0 && score < 1)).toBe(true);
    // Redis does not keep rooms forever: every key expires a day after the event starts
    // (`admits` does not exist yet: nobody has been admitted).
    const [queueKey, seqKey, , stateKey] = waitingRoomKeys(eventId);
    for (const key of [queueKey!, seqKey!, stateKey!]) {
      expect(await redis.call("PEXPIRETIME", key), key).toBe(startsAt + day);
    }
    [...early, ...late].forEach((v, i) =>
      placeAtOpening.set(v.id, [...earlyPlaces, ...latePlaces][i]!),
    );
  });

  it("admits the first places at the set rate from the opening", async () => {
    t = opensAt + 10_000;
    const all = [...early, ...late];
    const now = await statuses(c.url, all, eventId);
    const admittedPlaces = all
      .filter((_, i) => now[i]!.state === "admitted")
      .map((v) => placeAtOpening.get(v.id))
      .sort((x, y) => x! - y!);
    expect(admittedPlaces).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    all.forEach((v, i) => {
      const status = now[i]!;
      if (status.state === "queued") expect(status.position).toBe(placeAtOpening.get(v.id)! - 10);
    });
    const next = now.find((s) => s.position === 1);
    expect(next).toMatchObject({ queueLength: 43, estimatedWaitSeconds: 1, paused: false });
    expect(await admin<WaitingRoomStats>(b.url, "waitingRoomStats", eventId)).toMatchObject({
      queued: 43,
      admitted: 10,
      admittedLastMinute: 10,
      admitPerMinute: 60,
      windowSeconds: 120,
      paused: false,
      opensAt: new Date(opensAt).toISOString(),
    });
  });

  it("admits nobody while paused and carries on at the rate after resuming", async () => {
    expect(await admin<WaitingRoomStats>(c.url, "pauseWaitingRoom", eventId)).toMatchObject({
      paused: true,
      admitted: 10,
    });
    t = opensAt + 40_000;
    expect(await admin<WaitingRoomStats>(b.url, "waitingRoomStats", eventId)).toMatchObject({
      paused: true,
      admitted: 10,
      queued: 43,
    });
    const waiting = early.find((v) => placeAtOpening.get(v.id) === 20)!;
    expect(await statusOf(b.url, waiting, eventId)).toMatchObject({
      state: "queued",
      position: 10,
      paused: true,
      estimatedWaitSeconds: null,
    });
    await admin(b.url, "resumeWaitingRoom", eventId);
    t = opensAt + 45_000;
    expect(await admin<WaitingRoomStats>(c.url, "waitingRoomStats", eventId)).toMatchObject({
      paused: false,
      admitted: 15,
      queued: 38,
    });
  });

  it("lets an admitted visitor hold through any instance until the window ends, then expires", async () => {
    const first = [...early, ...late].find((v) => placeAtOpening.get(v.id) === 1)!;
    const status = await statusOf(b.url, first, eventId);
    // Admitted at the opening + 10 s (the first step past its place), for a 120-second window.
    expect(status).toMatchObject({
      state: "admitted",
      admission: { expiresAt: new Date(opensAt + 130_000).toISOString() },
    });
    const held = await callTrpc<ReservationView>(
      c.url,
      "reserve",
      { eventId, seatIds: [seatId], admission: status.admission!.token },
      { token: first.token },
    );
    expect(held.ok).toBe(true);

    t = opensAt + 130_000;
    expect(await statusOf(c.url, first, eventId)).toMatchObject({
      state: "expired",
      admission: null,
    });
    const refused = await callTrpc(
      b.url,
      "reserve",
      { eventId, seatIds: [seatId], admission: status.admission!.token },
      { token: first.token },
    );
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(!refused.ok && refused.message).toMatch(/^admission: expired at/);
  });

  it("keeps every place across a restart of an instance", async () => {
    const before = await statuses(b.url, late, eventId);
    await b.service.stop();
    b = await startInstance();
    await allThreeJoined();
    expect(await statuses(b.url, late, eventId)).toEqual(before);
  });
});

describe("a waiting room stepped for the first time long after its opening", () => {
  it("admits a minute's worth at once, not everything owed since, then carries on at the rate", async () => {
    // Nobody steps the room between the pre-queue and half an hour after the opening, as when
    // an organizer moves the opening to a time already past, or every instance was down.
    const { eventId } = await h.stockEvent({ seats: 1 });
    const opensAt = openingInDays(4);
    t = opensAt - 20 * 60_000;
    await announceSale(h, eventId, {
      salesOpenAt: new Date(opensAt),
      waitingRoom: { admitPerMinute: 10, windowSeconds: 600 },
    });
    for (let i = 0; i < 30; i += 1) {
      await join(i % 2 === 0 ? b.url : c.url, await newVisitor(h), eventId, await proofs.solve());
    }

    t = opensAt + 30 * 60_000;
    const late = await admin<WaitingRoomStats>(b.url, "waitingRoomStats", eventId);
    expect(late).toMatchObject({ admitted: 10, queued: 20 });

    t += 30_000;
    const after = await admin<WaitingRoomStats>(c.url, "waitingRoomStats", eventId);
    expect(after).toMatchObject({ admitted: 15, queued: 15 });
  });
});

describe("a waiting room served by two instances at once", () => {
  it("admits each visitor once, in arrival order, at the rate, with both instances agreeing", async () => {
    const { eventId } = await h.stockEvent({ seats: 1 });
    // Later than every opening before it: the clock only moves forward through this file, as real
    // time does (a ticker round that read the clock before it was set back, then stepped this
    // room, would date the room's start days after its opening and admit nobody).
    const opensAt = openingInDays(5);
    t = opensAt - 60_000;
    await announceSale(h, eventId, {
      salesOpenAt: new Date(opensAt),
      waitingRoom: { admitPerMinute: 600, windowSeconds: 600 },
    });
    t = opensAt;
    const visitors: Visitor[] = [];
    for (let i = 0; i < 40; i += 1) {
      const visitor = await newVisitor(h);
      visitors.push(visitor);
      await join(i % 2 === 0 ? b.url : c.url, visitor, eventId, await proofs.solve());
      t += 1;
    }
    const admittedAt = new Map<string, string>();
    for (let step = 1; step <= 6; step += 1) {
      t = opensAt + 40 + step * 500;
      const [fromB, fromC] = await Promise.all([
        statuses(b.url, visitors, eventId),
        statuses(c.url, visitors, eventId),
      ]);
      const expected = Math.min(40, Math.floor(((t - opensAt - 40) * 600) / 60_000));
      visitors.forEach((v, i) => {
        const [x, y] = [fromB[i]!, fromC[i]!];
        expect(x.state).toBe(y.state);
        expect(x.admission?.expiresAt).toBe(y.admission?.expiresAt);
        if (x.state === "admitted") {
          const previous = admittedAt.get(v.id);
          if (previous) expect(x.admission!.expiresAt).toBe(previous);
          admittedAt.set(v.id, x.admission!.expiresAt);
        }
      });
      // Admitted strictly in arrival order, and as many as the rate allows.
      const admitted = fromB.map((s) => s.state === "admitted");
      expect(admitted.filter(Boolean).length).toBeGreaterThanOrEqual(expected);
      expect(admitted.filter(Boolean).length).toBeLessThanOrEqual(expected + 1);
      expect(admitted).toEqual(visitors.map((_, i) => i < admitted.filter(Boolean).length));
      const [statsB, statsC] = await Promise.all([
        admin<WaitingRoomStats>(b.url, "waitingRoomStats", eventId),
        admin<WaitingRoomStats>(c.url, "waitingRoomStats", eventId),
      ]);
      expect(statsB).toEqual(statsC);
      expect(statsB.admitted).toBe(admitted.filter(Boolean).length);
      expect(statsB.queued + statsB.admitted).toBe(40);
    }
    expect(admittedAt.size).toBe(30);

    // Nobody asks any more: the instances' tickers still admit on time (read straight from Redis).
    t += 1_000;
    const admitsKey = waitingRoomKeys(eventId)[2]!;
    await waitFor(
      "the tickers to admit the last ten",
      async () => (await redis.zcard(admitsKey)) === 40,
    );
    expect(await redis.zrangebyscore(admitsKey, t, t)).toHaveLength(10);
  });
});
