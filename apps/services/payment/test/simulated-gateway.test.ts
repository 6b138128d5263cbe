import { randomUUID } from "node:crypto";
import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedGateway } from "../src/adapters/gateway/simulated-gateway";
import { validateCard } from "../src/domain/card";

const valid = (number: string) => {
  const result = validateCard(
    { number, expMonth: 12, expYear: 2030, cvc: "123" },
    new Date("2026-01-01Z"),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const request = (number: string, idempotencyKey = randomUUID()) => ({
  idempotencyKey,
  card: valid(number),
  amountCents: 4_500,
  currency: "EUR",
});

/** A gateway that records the latencies it waits instead of waiting them. */
const instant = (random = () => 0.5) => {
  const waits: number[] = [];
  const gateway = createSimulatedGateway(redis, {
    random,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { gateway, waits };
};

let redis: Redis;
beforeAll(() => {
  redis = createRedis(testEnv.redisUrl, console);
});
afterAll(async () => {
  await redis.quit();
});

describe("the simulated card gateway", () => {
  it("answers after a latency between 100 and 500 ms", async () => {
    const waits = await Promise.all(
      [0, 0.999999].map(async (r) => {
        const { gateway, waits } = instant(() => r);
        await gateway.charge(request("4242424242424242"));
        return waits;
      }),
    );
    expect(waits).toEqual([[100], [500]]);
  });

  it("charges once per key: a repeat, even from another process while the first is in flight, answers what the first did", async () => {
    const key = randomUUID();
    const [first, again] = await Promise.all([
      instant().gateway.charge(request("4242424242424242", key)),
      // Another process (another gateway on the same ledger), with a card that would be declined.
      instant().gateway.charge(request("4000000000000002", key)),
    ]);
    expect(first).toEqual({ status: "succeeded", brand: "visa", last4: "4242" });
    expect(again).toEqual(first);
    expect(await instant().gateway.charge(request("4000000000000002"))).toMatchObject({
      status: "failed",
      reason: "card_declined",
    });
  });

  it("tells what it decided for a key, after a restart too, and nothing for a key it never received", async () => {
    const key = randomUUID();
    const outcome = await instant().gateway.charge(request("4000000000009995", key));
    const restarted = instant().gateway;
    expect(await restarted.lookup(key)).toEqual(outcome);
    expect(outcome).toMatchObject({ status: "failed", reason: "insufficient_funds" });
    expect(await restarted.lookup(randomUUID())).toBeUndefined();
  });

  it("has the charge on record as soon as it is received, before it answers", async () => {
    const key = randomUUID();
    let release: () => void = () => undefined;
    const gateway = createSimulatedGateway(redis, {
      sleep: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const answer = gateway.charge(request("4242424242424242", key));
    await expect.poll(() => instant().gateway.lookup(key)).toMatchObject({ status: "succeeded" });
    release();
    expect(await answer).toMatchObject({ status: "succeeded" });
  });
});
