import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmissionTokens } from "../src/adapters/jwt/admission-tokens";
import type { ReservationView } from "../src/app/reservation-view";
import type { WaitingRoomStatus } from "../src/app/waiting-room-status";
import { LOCAL_ADMISSION_SIGNING_KEY } from "../src/config";
import { callTrpc, startHarness, type Harness } from "./harness";
import {
  announceSale,
  createProofs,
  join,
  newVisitor,
  statusOf,
  type Visitor,
} from "./waiting-room-support";

let h: Harness;
let redis: Redis;
let proofs: ReturnType<typeof createProofs>;

beforeAll(async () => {
  h = await startHarness();
  redis = createRedis(testEnv.redisUrl, console);
  proofs = createProofs(redis);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

const reserve = (visitor: Visitor, eventId: string, seatIds: string[], admission?: string) =>
  callTrpc<ReservationView>(
    h.baseUrl,
    "reserve",
    { eventId, seatIds, ...(admission === undefined ? {} : { admission }) },
    { token: visitor.token },
  );

const seatState = async (seatId: string) =>
  (await h.inventory.db.seat.findUniqueOrThrow({ where: { id: seatId } })).state;

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

// Each test waits on inventory's consumers several times (stock, settings, changed settings);
// in a full run beside other suites joining the same consumer groups, a rebalance can hold them
// for tens of seconds. The tests assert what happens, not how fast.
describe("sales window", { timeout: 180_000 }, () => {
  it("refuses holds before the opening, naming the instant, and takes them once it has passed", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const opensAt = minutes(60);
    await announceSale(h, eventId, { salesOpenAt: opensAt });
    const customer = await newVisitor(h);
    const early = await reserve(customer, eventId, [seats[0]!.seatId]);
    expect(early).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: `Sales for this event open at ${opensAt.toISOString()}`,
    });
    expect(await seatState(seats[0]!.seatId)).toBe("available");

    // Catalog moves the opening into the past: the gate follows (its cache lasts 250 ms).
    await announceSale(h, eventId, { salesOpenAt: minutes(-1) });
    const held = await waitFor("a hold once sales are open", async () => {
      const result = await reserve(customer, eventId, [seats[0]!.seatId]);
      return result.ok ? result.data : undefined;
    });
    expect(held.seats.map((s) => s.seatId)).toEqual([seats[0]!.seatId]);
    expect(await seatState(seats[0]!.seatId)).toBe("held");
  });

  it("refuses holds after the close, and after the start when no close is set, naming the instant", async () => {
    const closed = await h.stockEvent({ seats: 1 });
    const closedAt = minutes(-5);
    await announceSale(h, closed.eventId, { salesOpenAt: minutes(-60), salesCloseAt: closedAt });
    const customer = await newVisitor(h);
    expect(await reserve(customer, closed.eventId, [closed.seats[0]!.seatId])).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: `Sales for this event closed at ${closedAt.toISOString()}`,
    });

    const started = await h.stockEvent({ seats: 1 });
    const startsAt = minutes(-1);
    await announceSale(h, started.eventId, { startsAt });
    expect(await reserve(customer, started.eventId, [started.seats[0]!.seatId])).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: `Sales for this event closed at ${startsAt.toISOString()}`,
    });
    expect(await seatState(started.seats[0]!.seatId)).toBe("available");
  });
});

describe("admission to a waiting-room event", () => {
  const room = { admitPerMinute: 10_000, windowSeconds: 300 };

  const admitted = async (visitor: Visitor, eventId: string) => {
    await join(h.baseUrl, visitor, eventId, await proofs.solve());
    return waitFor(`admission of ${visitor.id}`, async () => {
      const status = await statusOf(h.baseUrl, visitor, eventId);
      return status.state === "admitted" ? status : undefined;
    });
  };

  it("refuses a hold without a valid admission, naming what is wrong, and takes it with one", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    await announceSale(h, eventId, { waitingRoom: room });
    const other = await h.stockEvent({ seats: 1 });
    await announceSale(h, other.eventId, { waitingRoom: room });
    const alice = await newVisitor(h);
    const bob = await newVisitor(h);
    const seatId = seats[0]!.seatId;
    const tokens = createAdmissionTokens(LOCAL_ADMISSION_SIGNING_KEY);
    const forger = createAdmissionTokens("someone-else's-key-that-is-long-enough-to-sign");
    const inAnHour = minutes(60);

    const refusals: Array<[string, string | undefined, RegExp]> = [
      ["missing", undefined, /^admission: missing; this event has a waiting room/],
      ["garbage", "not-a-token", /^admission: forged or malformed/],
      [
        "forged",
        await forger.issue({ visitorId: alice.id, eventId, expiresAt: inAnHour }),
        /^admission: forged or malformed/,
      ],
      [
        "expired",
        await tokens.issue({
          visitorId: alice.id,
          eventId,
          expiresAt: new Date(Date.now() - 2_000),
        }),
        /^admission: expired at .+Z; the shopping window is over$/,
      ],
      [
        "another event's",
        (await admitted(alice, other.eventId)).admission?.token,
        /^admission: issued for another event$/,
      ],
      [
        "another visitor's",
        (await admitted(bob, eventId)).admission?.token,
        /^admission: issued to another visitor$/,
      ],
    ];
    for (const [name, admission, message] of refusals) {
      const result = await reserve(alice, eventId, [seatId], admission);
      expect(result, name).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(!result.ok && result.message, name).toMatch(message);
    }
    expect(await seatState(seatId)).toBe("available");
    expect(
      await h.inventory.db.reservation.count({ where: { eventId, customerId: alice.id } }),
    ).toBe(0);

    const mine = await admitted(alice, eventId);
    expect(new Date(mine.admission!.expiresAt).getTime()).toBeGreaterThan(
      Date.now() + (room.windowSeconds - 10) * 1_000,
    );
    const held = await reserve(alice, eventId, [seatId], mine.admission!.token);
    expect(held.ok).toBe(true);
    expect(await seatState(seatId)).toBe("held");
    // Bob's own admission works for Bob.
    const bobs = await statusOf(h.baseUrl, bob, eventId);
    expect((await reserve(bob, eventId, [seats[1]!.seatId], bobs.admission!.token)).ok).toBe(true);
  });

  it("refuses a join without a valid proof of work, and a proof used twice", async () => {
    const { eventId } = await h.stockEvent({ seats: 1 });
    await announceSale(h, eventId, { waitingRoom: room });
    const visitor = await newVisitor(h);
    const call = (proof: string) =>
      callTrpc<WaitingRoomStatus>(
        h.baseUrl,
        "joinWaitingRoom",
        { eventId, proof },
        { token: visitor.token },
      );
    const bad = await call("bm90IGEgcHJvb2Y=");
    expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!bad.ok && bad.message).toMatch(/^proof of work is malformed/);
    const guestProof = await proofs.solve("guest");
    const wrongPurpose = await call(guestProof);
    expect(!wrongPurpose.ok && wrongPurpose.message).toMatch(/not issued for waiting-room/);
    expect((await statusOf(h.baseUrl, visitor, eventId)).state).toBe("not-joined");

    const proof = await proofs.solve();
    const joined = await call(proof);
    expect(joined.ok && joined.data.state).toMatch(/^(queued|admitted)$/);
    const replay = await call(proof);
    expect(!replay.ok && replay.message).toMatch(/already been used/);
  });

  it("answers not-required for an event without a waiting room, and needs no admission there", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    await announceSale(h, eventId, {});
    const visitor = await newVisitor(h);
    expect(await statusOf(h.baseUrl, visitor, eventId)).toMatchObject({
      state: "not-required",
      admission: null,
    });
    expect((await reserve(visitor, eventId, [seats[0]!.seatId])).ok).toBe(true);
  });
});
