import { describe, expect, it } from "vitest";
import { takeWithin } from "./outbox-relay";

describe("takeWithin", () => {
  const rows = [{ bytes: 400 }, { bytes: 400 }, { bytes: 400 }];

  it("takes the longest prefix within the byte budget", () => {
    expect(takeWithin(rows, 800)).toHaveLength(2);
    expect(takeWithin(rows, 1_200)).toHaveLength(3);
  });

  it("always takes the first row, so an oversized row is tried rather than starving the rest", () => {
    expect(takeWithin([{ bytes: 5_000 }, { bytes: 1 }], 800)).toHaveLength(1);
    expect(takeWithin([], 800)).toEqual([]);
  });
});
