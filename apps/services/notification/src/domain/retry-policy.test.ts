import { describe, expect, it } from "vitest";
import { afterFailedAttempt, isPermanentSmtpFailure, retryDelayMs } from "./retry-policy";

const policy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 5 };
const noJitter = () => 0;

describe("delivery retries", () => {
  it("doubles the wait after each failure up to the maximum", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(policy, n, noJitter))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(retryDelayMs(policy, 1_000, noJitter)).toBe(60_000);
  });

  it("adds at most 20 % jitter", () => {
    expect(retryDelayMs(policy, 1, () => 0.999)).toBeLessThanOrEqual(1_200);
    expect(retryDelayMs(policy, 1, () => 0.5)).toBe(1_100);
  });

  it("keeps retrying connection failures until the attempts run out", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" });
    expect(afterFailedAttempt(policy, 1, refused, noJitter)).toEqual({
      status: "pending",
      retryInMs: 1_000,
    });
    expect(afterFailedAttempt(policy, 5, refused)).toEqual({ status: "failed" });
  });

  it("gives up at once on a permanent 5xx answer, retries a 4xx", () => {
    expect(isPermanentSmtpFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 451 })).toBe(false);
    expect(afterFailedAttempt(policy, 1, { responseCode: 550 })).toEqual({ status: "failed" });
  });
});
