import { describe, expect, it } from "vitest";
import { createRepeatFilter } from "./scan-repeats";

describe("createRepeatFilter", () => {
  it("passes the first read of a code and ignores re-reads while it stays in view", () => {
    const isNew = createRepeatFilter(3_000);
    expect(isNew("A", 0)).toBe(true);
    // Read every half second for ten seconds: still the same scan.
    for (let at = 500; at <= 10_000; at += 500) expect(isNew("A", at)).toBe(false);
  });

  it("passes a code again once it has been out of view for the quiet time", () => {
    const isNew = createRepeatFilter(3_000);
    expect(isNew("A", 0)).toBe(true);
    expect(isNew("A", 2_999)).toBe(false);
    expect(isNew("A", 5_999)).toBe(true);
  });

  it("passes a different code at once", () => {
    const isNew = createRepeatFilter(3_000);
    expect(isNew("A", 0)).toBe(true);
    expect(isNew("B", 100)).toBe(true);
    expect(isNew("A", 200)).toBe(false);
  });
});
