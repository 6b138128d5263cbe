import { describe, expect, it } from "vitest";
import {
  applyChange,
  applySnapshot,
  AVAILABLE,
  buildModel,
  counts,
  findSeat,
  firstAvailable,
  HELD,
  neighbour,
  seatAt,
  seatInfo,
  sectionSummaries,
  SOLD,
  type SeatMapData,
} from "./seat-map-model";

const map = (availability: [string, string]): SeatMapData => ({
  eventId: "e",
  currency: "EUR",
  seatCount: 14,
  tiers: [
    { name: "Front", priceCents: 9_000 },
    { name: "Back", priceCents: 4_500 },
  ],
  sections: [
    {
      name: "Left",
      rows: [
        { label: "A", first: 1, count: 4, tier: 0 },
        { label: "B", first: 1, count: 2, tier: 1, numbers: [7, 9] },
      ],
      accessible: [0],
      availability: availability[0],
      counts: { available: 0, held: 0, sold: 0 },
    },
    {
      name: "Right",
      rows: [
        { label: "A", first: 10, count: 4, tier: 0 },
        { label: "B", first: 10, count: 4, tier: 1 },
      ],
      accessible: [],
      availability: availability[1],
      counts: { available: 0, held: 0, sold: 0 },
    },
  ],
});

describe("seat map model", () => {
  it("reads each seat's section, row, number (gapped rows included), tier, price and state", () => {
    const model = buildModel(map(["ahaaas", "aaaaaaas"]));
    expect(seatInfo(model, { section: 0, index: 1 })).toMatchObject({
      section: "Left",
      row: "A",
      number: 2,
      tier: "Front",
      priceCents: 9_000,
      state: HELD,
    });
    expect(seatInfo(model, { section: 0, index: 5 })).toMatchObject({
      row: "B",
      number: 9,
      tier: "Back",
      state: SOLD,
    });
    expect(seatInfo(model, { section: 0, index: 0 })?.accessible).toBe(true);
    expect(seatInfo(model, { section: 1, index: 4 })).toMatchObject({ row: "B", number: 10 });
    expect(seatInfo(model, { section: 1, index: 8 })).toBeNull();
    expect(counts(model)).toEqual({ available: 11, held: 1, sold: 2 });
  });

  it("sums up each section once per change of its seats: states, and the cheapest free tier", () => {
    const model = buildModel(map(["ahaaas", "aaaasssa"]));
    const first = sectionSummaries(model);
    expect(first).toEqual([
      { available: 4, held: 1, sold: 1, total: 6, cheapestTier: 1 },
      { available: 5, held: 0, sold: 3, total: 8, cheapestTier: 1 },
    ]);
    // Asked again with nothing changed: the same answer, not a new walk over the seats.
    expect(sectionSummaries(model)).toBe(first);

    // Row B of Right (the cheaper tier) sells out: its cheapest free seat is now in the front.
    applyChange(model, { eventId: "e", state: "sold", seats: [[1, 7]] });
    const changed = sectionSummaries(model);
    expect(changed).not.toBe(first);
    expect(changed[1]).toEqual({ available: 4, held: 0, sold: 4, total: 8, cheapestTier: 0 });
    expect(counts(model)).toEqual({ available: 8, held: 1, sold: 5 });

    // A snapshot counts as a change too, even one that leaves every state as it was.
    applySnapshot(model, map(["aaaaaa", "aaaaaaaa"]));
    expect(counts(model)).toEqual({ available: 14, held: 0, sold: 0 });
    expect(sectionSummaries(model)[0]?.cheapestTier).toBe(1);
  });

  it("finds the seat under a point and the seat a cart line names", () => {
    const model = buildModel(map(["aaaaaa", "aaaaaaaa"]));
    const section = model.sections[1]!;
    const ref = seatAt(model, section.xs[6]!, section.ys[6]!);
    expect(ref).toEqual({ section: 1, index: 6 });
    expect(seatAt(model, -50, -50)).toBeNull();
    expect(findSeat(model, { section: "Left", row: "B", number: 9 })).toEqual({
      section: 0,
      index: 5,
    });
    expect(findSeat(model, { section: "Left", row: "B", number: 8 })).toBeNull();
    expect(findSeat(model, { section: "Nowhere", row: "A", number: 1 })).toBeNull();
  });

  it("applies a live change in place and a fresh snapshot over it", () => {
    const model = buildModel(map(["aaaaaa", "aaaaaaaa"]));
    const touched = applyChange(model, {
      eventId: "e",
      state: "held",
      seats: [
        [0, 2],
        [1, 7],
        [5, 0],
        [1, 99],
      ],
    });
    expect(touched).toEqual([
      { section: 0, index: 2 },
      { section: 1, index: 7 },
    ]);
    expect(model.sections[0]!.states[2]).toBe(HELD);
    applyChange(model, { eventId: "e", state: "sold", seats: [[0, 2]] });
    expect(model.sections[0]!.states[2]).toBe(SOLD);
    applySnapshot(model, map(["aaaaaa", "saaaaaaa"]));
    expect(model.sections[0]!.states[2]).toBe(AVAILABLE);
    expect(model.sections[1]!.states[0]).toBe(SOLD);
  });

  it("moves with arrow keys along a row, between rows and on to the next section", () => {
    const model = buildModel(map(["aaaaaa", "aaaaaaaa"]));
    expect(neighbour(model, { section: 0, index: 0 }, "ArrowRight")).toEqual({
      section: 0,
      index: 1,
    });
    expect(neighbour(model, { section: 0, index: 0 }, "ArrowLeft")).toEqual({
      section: 0,
      index: 0,
    });
    expect(neighbour(model, { section: 0, index: 3 }, "ArrowRight")).toEqual({
      section: 1,
      index: 0,
    });
    expect(neighbour(model, { section: 1, index: 0 }, "ArrowLeft")).toEqual({
      section: 0,
      index: 5,
    });
    // Row B of Left is two seats, centred under row A's four: down from A1 lands on B's first.
    expect(neighbour(model, { section: 0, index: 0 }, "ArrowDown")).toEqual({
      section: 0,
      index: 4,
    });
    expect(neighbour(model, { section: 0, index: 5 }, "ArrowUp")).toMatchObject({ section: 0 });
    expect(neighbour(model, { section: 0, index: 4 }, "ArrowDown")).toEqual({
      section: 0,
      index: 4,
    });
  });

  it("starts keyboard focus on the first free seat", () => {
    expect(firstAvailable(buildModel(map(["hsaaaa", "aaaaaaaa"])))).toEqual({
      section: 0,
      index: 2,
    });
    expect(firstAvailable(buildModel(map(["ssssss", "shaaaaaa"])))).toEqual({
      section: 1,
      index: 2,
    });
  });

  it("starts keyboard focus past a free wheelchair space, on it only when nothing else is free", () => {
    // Left's first seat (row A, seat 1) is a wheelchair space.
    expect(firstAvailable(buildModel(map(["aaaaaa", "aaaaaaaa"])))).toEqual({
      section: 0,
      index: 1,
    });
    expect(firstAvailable(buildModel(map(["asssss", "ssssssss"])))).toEqual({
      section: 0,
      index: 0,
    });
  });

  it("lays out the 20,800-seat stadium without overlapping sections", () => {
    const sections = Array.from({ length: 16 }, (_, i) => ({
      name: `S${i}`,
      rows: Array.from({ length: 26 }, (_, r) => ({
        label: String.fromCharCode(65 + r),
        first: 1,
        count: 50,
        tier: 0,
      })),
      accessible: [],
      availability: "a".repeat(1_300),
      counts: { available: 1_300, held: 0, sold: 0 },
    }));
    const model = buildModel({ ...map(["", ""]), seatCount: 20_800, sections });
    expect(counts(model).available).toBe(20_800);
    for (const [i, a] of model.sections.entries())
      for (const b of model.sections.slice(i + 1)) {
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
  });
});
