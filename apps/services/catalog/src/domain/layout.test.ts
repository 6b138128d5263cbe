import { describe, expect, it } from "vitest";
import { chunk, planLayout, rowLabel } from "./layout";

let n = 0;
const sequentialId = () => `id-${(n += 1)}`;

describe("rowLabel", () => {
  it("labels rows A to Z, then AA, AB, …", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(rowLabel)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});

describe("planLayout", () => {
  const layout = planLayout(
    {
      currency: "EUR",
      tiers: [
        { name: "Gold", priceCents: 9_000 },
        { name: "Silver", priceCents: 5_000 },
      ],
      sections: [
        { name: "Stalls", rows: 2, seatsPerRow: 3, tier: "Silver" },
        { name: "Box", rows: 1, seatsPerRow: 2, tier: "Gold" },
      ],
    },
    sequentialId,
  );

  it("numbers seats in seat map order with their tier index", () => {
    expect(layout.seatCount).toBe(8);
    const stalls = layout.sections[0]?.seats ?? [];
    expect(stalls.map((s) => `${s.row}${s.number}@${s.position}`)).toEqual([
      "A1@0",
      "A2@1",
      "A3@2",
      "B1@3",
      "B2@4",
      "B3@5",
    ]);
    expect(stalls.every((s) => s.tierPosition === 1 && s.sectionPosition === 0)).toBe(true);
    expect(layout.sections[1]?.seats.every((s) => s.tierPosition === 0)).toBe(true);
  });

  it("makes the front row's aisle seats wheelchair spaces", () => {
    const accessible = layout.sections[0]?.seats
      .filter((s) => s.accessible)
      .map((s) => `${s.row}${s.number}`);
    expect(accessible).toEqual(["A1", "A3"]);
  });

  it("gives every seat its own id", () => {
    const ids = layout.sections.flatMap((s) => s.seats.map((seat) => seat.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("chunk", () => {
  it("splits into parts of at most the given size, keeping order", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
