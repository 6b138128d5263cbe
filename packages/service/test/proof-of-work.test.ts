import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { testEnv } from "@marquee/testkit/test-env";
import { createProofOfWork, solveProofOfWork } from "../src/proof-of-work";

const redis = new Redis(testEnv.redisUrl);
afterAll(async () => {
  await redis.quit();
});

// A small difficulty keeps the tests quick; the checks do not depend on it.
const pow = (overrides: { hmacKey?: string; expiresInSeconds?: number } = {}) =>
  createProofOfWork({
    hmacKey: overrides.hmacKey ?? "test-pow-key",
    redis,
    difficulty: 20,
    ...overrides,
  });

const decode = (payload: string) =>
  JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as {
    challenge: { parameters: Record<string, unknown>; signature: string };
    solution: { counter: number; derivedKey: string };
  };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("proof of work", () => {
  it("verifies a solved challenge once, then refuses the replay", async () => {
    const proofOfWork = pow();
    const payload = await solveProofOfWork(await proofOfWork.challenge("guest"));
    expect(await proofOfWork.verify(payload, "guest")).toEqual({ ok: true });
    expect(await proofOfWork.verify(payload, "guest")).toEqual({
      ok: false,
      reason: "proof of work has already been used",
    });
  });

  it("lets only one of many simultaneous uses of one payload through", async () => {
    const proofOfWork = pow();
    const payload = await solveProofOfWork(await proofOfWork.challenge("guest"));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => proofOfWork.verify(payload, "guest")),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("keeps the spent mark in Redis until the challenge would have expired", async () => {
    const proofOfWork = pow({ expiresInSeconds: 120 });
    const challenge = await proofOfWork.challenge("guest");
    await proofOfWork.verify(await solveProofOfWork(challenge), "guest");
    const ttl = await redis.ttl(`pow:used:${challenge.parameters.nonce}`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(121);
  });

  it("refuses a proof solved for another purpose", async () => {
    const proofOfWork = pow();
    const payload = await solveProofOfWork(await proofOfWork.challenge("waiting-room"));
    expect(await proofOfWork.verify(payload, "guest")).toEqual({
      ok: false,
      reason: "proof of work was not issued for guest",
    });
  });

  it("refuses an expired challenge", async () => {
    const proofOfWork = pow();
    const challenge = await proofOfWork.challenge("guest");
    const payload = await solveProofOfWork(challenge);
    // Signed by the same key but already past its expiry: made by a twin whose clock ran early.
    const expired = createProofOfWork({
      hmacKey: "test-pow-key",
      redis,
      difficulty: 20,
      expiresInSeconds: -10,
    });
    const stale = await solveProofOfWork(await expired.challenge("guest"));
    expect(await proofOfWork.verify(stale, "guest")).toEqual({
      ok: false,
      reason: "proof of work has expired; solve a new one",
    });
    expect(await proofOfWork.verify(payload, "guest")).toEqual({ ok: true });
  });

  it("refuses a challenge whose parameters or signature were changed", async () => {
    const proofOfWork = pow();
    const payload = decode(await solveProofOfWork(await proofOfWork.challenge("waiting-room")));
    const relabelled = { ...payload };
    relabelled.challenge = {
      ...payload.challenge,
      parameters: { ...payload.challenge.parameters, data: { purpose: "guest" } },
    };
    expect(await proofOfWork.verify(encode(relabelled), "guest")).toEqual({
      ok: false,
      reason: "proof of work has an invalid signature",
    });
    const forged = { ...payload, challenge: { ...payload.challenge, signature: "00".repeat(32) } };
    expect(await proofOfWork.verify(encode(forged), "waiting-room")).toMatchObject({
      ok: false,
      reason: "proof of work has an invalid signature",
    });
  });

  it("refuses a challenge signed with another key", async () => {
    const payload = await solveProofOfWork(await pow({ hmacKey: randomUUID() }).challenge("guest"));
    expect(await pow().verify(payload, "guest")).toEqual({
      ok: false,
      reason: "proof of work has an invalid signature",
    });
  });

  it("refuses a wrong solution to a genuine challenge", async () => {
    const proofOfWork = pow();
    const payload = decode(await solveProofOfWork(await proofOfWork.challenge("guest")));
    const guessed = {
      ...payload,
      solution: { counter: payload.solution.counter + 1, derivedKey: "ab".repeat(32) },
    };
    expect(await proofOfWork.verify(encode(guessed), "guest")).toEqual({
      ok: false,
      reason: "proof of work is not solved",
    });
  });

  it("refuses garbage without throwing", async () => {
    const proofOfWork = pow();
    for (const payload of ["", "not base64 json", encode({ challenge: null }), encode([1, 2])]) {
      expect(await proofOfWork.verify(payload, "guest")).toEqual({
        ok: false,
        reason: "proof of work is malformed",
      });
    }
  });

  it("issues challenges that cost about the configured difficulty", async () => {
    const proofOfWork = createProofOfWork({ hmacKey: "k", redis, difficulty: 400 });
    const challenge = await proofOfWork.challenge("guest");
    const { solution } = decode(await solveProofOfWork(challenge));
    expect(solution.counter).toBeGreaterThanOrEqual(200);
    expect(solution.counter).toBeLessThanOrEqual(400);
    expect(challenge.parameters).toMatchObject({ algorithm: "PBKDF2/SHA-256", cost: 1_000 });
  });
});
