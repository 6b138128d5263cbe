import { describe, expect, it } from "vitest";
import { chunk, planLayout, rowLabel, rowSeatCounts } from "./layout";

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

describe("rows that widen", () => {
  const curved = { x: 0, y: 0, rotation: 0, radius: 40 };

  it("keep the front row's angle on each row's longer arc", () => {
    // 20 seats on a circle of 40: row r (radius 40 + r) holds 20 × (40 + r) / 40, rounded.
    expect(rowSeatCounts({ rows: 5, seatsPerRow: 20, widenRows: true, placement: curved })).toEqual(
      [20, 21, 21, 22, 22],
    );
    for (const [r, count] of rowSeatCounts({
      rows: 30,
      seatsPerRow: 52,
      widenRows: true,
      placement: { ...curved, radius: 69 },
    }).entries())
      expect(Math.abs(count / (69 + r) - 52 / 69)).toBeLessThanOrEqual(0.5 / (69 + r));
  });

  it("stay the same length when straight, not asked to widen, or without a place", () => {
    const same = [6, 6, 6];
    expect(rowSeatCounts({ rows: 3, seatsPerRow: 6, placement: curved })).toEqual(same);
    expect(
      rowSeatCounts({
        rows: 3,
        seatsPerRow: 6,
        widenRows: true,
        placement: { x: 0, y: 0, rotation: 0 },
      }),
    ).toEqual(same);
    expect(rowSeatCounts({ rows: 3, seatsPerRow: 6, widenRows: true })).toEqual(same);
  });

  it("are planned seat by seat, each row's last seat its own, the front row's ends wheelchair spaces", () => {
    const planned = planLayout(
      {
        currency: "EUR",
        tiers: [{ name: "Main", priceCents: 1_000 }],
        sections: [
          {
            name: "Bowl",
            rows: 3,
            seatsPerRow: 4,
            widenRows: true,
            tier: "Main",
            placement: { ...curved, radius: 4 },
          },
        ],
      },
      sequentialId,
    );
    const seats = planned.sections[0]?.seats ?? [];
    // Rows of 4, 5 and 6 seats on circles of 4, 5 and 6.
    expect(planned.seatCount).toBe(15);
    expect(seats.map((seat) => `${seat.row}${seat.number}`).join(" ")).toBe(
      "A1 A2 A3 A4 B1 B2 B3 B4 B5 C1 C2 C3 C4 C5 C6",
    );
    expect(seats.map((seat, i) => seat.position === i).every(Boolean)).toBe(true);
    expect(
      seats.filter((seat) => seat.accessible).map((seat) => `${seat.row}${seat.number}`),
    ).toEqual(["A1", "A4"]);
  });
});

describe("chunk", () => {
  it("splits into parts of at most the given size, keeping order", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
