import { describe, expect, it } from "vitest";
import { backoffSeconds, judgeAttempt, type SignInLimits } from "./sign-in-limits";

const limits: SignInLimits = {
  maxFailuresPerIp: 20,
  maxFailuresPerAccountAndIp: 10,
  proofAfterFailures: 3,
  proofAfterAccountFailures: 10,
  backoffBaseSeconds: 60,
  backoffMaxSeconds: 900,
};

describe("backoffSeconds", () => {
  const rules = { limit: 5, baseSeconds: 60, maxSeconds: 900 };

  it("lets every attempt up to the limit through", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffSeconds(n, rules))).toEqual([0, 0, 0, 0, 0]);
  });

  it("waits past the limit, doubling with each further attempt, up to the maximum", () => {
    expect([6, 7, 8, 9, 10, 60].map((n) => backoffSeconds(n, rules))).toEqual([
      60, 120, 240, 480, 900, 900,
    ]);
  });
});

describe("judgeAttempt", () => {
  it("checks the first attempts' passwords with no proof", () => {
    expect(judgeAttempt({ ip: 3, accountAndIp: 3, account: 3 }, limits)).toEqual({
      locks: [],
      proofRequired: false,
    });
  });

  it("asks for a proof of work after a few failures of this address on this account", () => {
    expect(judgeAttempt({ ip: 4, accountAndIp: 4, account: 4 }, limits)).toEqual({
      locks: [],
      proofRequired: true,
    });
  });

  it("asks everyone for a proof once the account failed many times from anywhere", () => {
    // The owner's first attempt from their own address, while others hammer the account.
    expect(judgeAttempt({ ip: 1, accountAndIp: 1, account: 11 }, limits)).toEqual({
      locks: [],
      proofRequired: true,
    });
  });

  it("never makes the account itself wait, however many failures it has", () => {
    expect(judgeAttempt({ ip: 1, accountAndIp: 1, account: 100_000 }, limits).locks).toEqual([]);
  });

  it("makes the failing address wait on that account past its limit", () => {
    expect(judgeAttempt({ ip: 11, accountAndIp: 11, account: 11 }, limits)).toEqual({
      locks: [{ scope: "account-and-ip", seconds: 60 }],
      proofRequired: true,
    });
  });

  it("makes an address spraying many accounts wait", () => {
    expect(judgeAttempt({ ip: 22, accountAndIp: 1, account: 1 }, limits)).toEqual({
      locks: [{ scope: "ip", seconds: 120 }],
      proofRequired: false,
    });
  });
});
