import { describe, expect, it } from "vitest";
import { lockoutSeconds } from "./lockout";

const rules = { limit: 5, baseSeconds: 60, maxSeconds: 900 };

describe("lockoutSeconds", () => {
  it("does not lock below the limit", () => {
    expect([1, 2, 3, 4].map((n) => lockoutSeconds(n, rules))).toEqual([0, 0, 0, 0]);
  });

  it("locks at the limit and doubles with each further failure, up to the maximum", () => {
    expect([5, 6, 7, 8, 9, 50].map((n) => lockoutSeconds(n, rules))).toEqual([
      60, 120, 240, 480, 900, 900,
    ]);
  });
});
