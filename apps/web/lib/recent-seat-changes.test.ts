import { describe, expect, it } from "vitest";
import type { SeatChange } from "@marquee/ui/seat-map-model";
import { createRecentSeatChanges } from "./recent-seat-changes";

const change = (revision: number | undefined, seat: number): SeatChange => ({
  eventId: "e",
  state: "held",
  seats: [[0, seat]],
  revision,
});

describe("recent seat changes", () => {
  it("gives back, oldest first, the changes a map of a revision does not hold", () => {
    const recent = createRecentSeatChanges();
    recent.add(change(12, 2));
    recent.add(change(10, 0));
    recent.add(change(11, 1));
    expect(recent.above(10).map((c) => c.revision)).toEqual([11, 12]);
    // Those the map held are forgotten; the others stay for a later, older-than-them map.
    expect(recent.above(9).map((c) => c.revision)).toEqual([11, 12]);
    expect(recent.above(12)).toEqual([]);
  });

  it("keeps no change without a revision, and forgets all for a map without one", () => {
    const recent = createRecentSeatChanges();
    recent.add(change(undefined, 0));
    expect(recent.above(0)).toEqual([]);
    recent.add(change(5, 1));
    expect(recent.above(null)).toEqual([]);
    expect(recent.above(0)).toEqual([]);
  });

  it("keeps at most the limit, dropping the oldest", () => {
    const recent = createRecentSeatChanges(2);
    for (const revision of [1, 2, 3]) recent.add(change(revision, revision));
    expect(recent.above(0).map((c) => c.revision)).toEqual([2, 3]);
  });
});
