import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareRows,
  rankBestAvailable,
  stillOffered,
  type SeatBlock,
  type SeatOnMap,
} from "./best-available";

const eventId = "00000000-0000-4000-8000-0000000000e1";

type RowSpec = { section: string; row: string; priceCents: number; taken: readonly number[] };

/** A row of `length` seats numbered from 1, with the listed numbers held or sold. */
const row = (spec: RowSpec & { length: number }): SeatOnMap[] =>
  Array.from({ length: spec.length }, (_, i) => ({
    id: `${spec.section}-${spec.row}-${i + 1}`,
    eventId,
    section: spec.section,
    row: spec.row,
    number: i + 1,
    priceCents: spec.priceCents,
    currency: "GBP",
    free: !spec.taken.includes(i + 1),
    accessible: false,
  }));

const stalls = (rowLabel: string, taken: number[] = [], length = 10) =>
  row({ section: "Stalls", row: rowLabel, priceCents: 8_500, taken, length });
const circle = (rowLabel: string, taken: number[] = [], length = 10) =>
  row({ section: "Circle", row: rowLabel, priceCents: 5_500, taken, length });

const numbers = (block: SeatBlock | undefined) => block?.seats.map((s) => `${s.row}${s.number}`);

const best = (seats: SeatOnMap[], quantity: number, extra: object = {}) => {
  const ranked = rankBestAvailable(seats, { quantity, ...extra });
  if (!ranked.ok) throw new Error(`refused: ${ranked.error.kind}`);
  return ranked.value[0];
};

describe("compareRows", () => {
  it("orders rows front to back as catalog labels them (Z before AA)", () => {
    expect(["AA", "B", "Z", "A", "AB"].sort(compareRows)).toEqual(["A", "B", "Z", "AA", "AB"]);
  });
});

describe("rankBestAvailable", () => {
  it("takes the middle of the front row of an untouched section", () => {
    expect(numbers(best([...stalls("B"), ...stalls("A")], 2))).toEqual(["A5", "A6"]);
    expect(numbers(best([...stalls("A", [], 9)], 3))).toEqual(["A4", "A5", "A6"]);
  });

  it("goes to the next row when the front row has no room together", () => {
    const seats = [...stalls("A", [2, 4, 6, 8, 10]), ...stalls("B")];
    expect(numbers(best(seats, 2))).toEqual(["B5", "B6"]);
  });

  it("sits beside seats already taken rather than opening a gap", () => {
    const seats = stalls("A", [5, 6]);
    expect(numbers(best(seats, 2))).toEqual(["A3", "A4"]);
  });

  it("does not strand a single seat when another block avoids it", () => {
    // Row A: 1–3 free, 4–10 taken. A pair there would leave one seat; row B has room.
    const seats = [...stalls("A", [4, 5, 6, 7, 8, 9, 10]), ...stalls("B", [])];
    const choice = best(seats, 2);
    expect(numbers(choice)).toEqual(["B5", "B6"]);
    expect(choice?.leavesOrphan).toBe(false);
  });

  it("strands a seat only when every block would", () => {
    const seats = [...stalls("A", [4, 5, 6, 7, 8, 9, 10]), ...stalls("B", [1, 5, 6, 7, 8, 9, 10])];
    const choice = best(seats, 2);
    expect(choice?.leavesOrphan).toBe(true);
    expect(numbers(choice)).toEqual(["A2", "A3"]);
  });

  it("keeps to the section and price level asked for", () => {
    const seats = [...stalls("A"), ...circle("A")];
    expect(best(seats, 2)?.seats[0]?.section).toBe("Stalls");
    expect(best(seats, 2, { section: "Circle" })?.seats[0]?.section).toBe("Circle");
    expect(best(seats, 2, { priceCents: 5_500 })?.seats[0]?.section).toBe("Circle");
  });

  it("says how many seats together are left in the section when too few are", () => {
    const seats = [...stalls("A", [4, 5, 6, 7, 8, 9, 10]), ...circle("A")];
    expect(rankBestAvailable(seats, { quantity: 4, section: "Stalls" })).toEqual({
      ok: false,
      error: {
        kind: "not-enough-together",
        scope: { section: "Stalls", priceCents: undefined, currency: "GBP" },
        largest: 3,
        requested: 4,
      },
    });
  });

  it("refuses a sold-out scope, an unknown section and an unknown price level", () => {
    const seats = [...stalls("A", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), ...circle("A")];
    expect(rankBestAvailable(seats, { quantity: 1, section: "Stalls" })).toMatchObject({
      ok: false,
      error: { kind: "sold-out" },
    });
    expect(rankBestAvailable(seats, { quantity: 1, section: "Gods" })).toMatchObject({
      ok: false,
      error: { kind: "unknown-section", section: "Gods" },
    });
    expect(rankBestAvailable(seats, { quantity: 1, priceCents: 1 })).toMatchObject({
      ok: false,
      error: { kind: "unknown-price", priceCents: 1 },
    });
  });

  it("splits an even stretch into even pieces, so buyers of pairs never strand a seat", () => {
    // Seats 1 and 10 taken: 2–9 free (8 seats). The centred pair 5–6 would leave 3 and 3.
    const choice = best(stalls("A", [1, 10]), 2);
    const left = choice!.seats[0]!.number - 2;
    const right = 9 - choice!.seats[1]!.number;
    expect(left % 2).toBe(0);
    expect(right % 2).toBe(0);
  });
});

describe("stillOffered", () => {
  it("refuses a block that would now strand a seat someone else's hold left alone", () => {
    const before = stalls("A", [6, 7, 8, 9, 10]);
    const block = best(before, 2)!;
    expect(numbers(block)).toEqual(["A4", "A5"]);
    expect(stillOffered(block, stalls("A", [6, 7, 8, 9, 10]))).toBe(true);
    expect(stillOffered(block, stalls("A", [2, 6, 7, 8, 9, 10]))).toBe(false);
    expect(stillOffered(block, stalls("A", [4, 6, 7, 8, 9, 10]))).toBe(false);
  });
});

// Property tests: random layouts with random seats taken, checked against brute force.

const layoutArb = fc
  .array(
    fc.record({
      section: fc.constantFrom("Stalls", "Circle"),
      length: fc.integer({ min: 1, max: 12 }),
      taken: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 8 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) =>
    rows.flatMap((spec, i) =>
      row({
        ...spec,
        row: String.fromCharCode(65 + i),
        priceCents: spec.section === "Stalls" ? 8_500 : 5_500,
      }),
    ),
  );

/** Every placement of `quantity` adjacent free seats, and whether it strands a seat. */
const allPlacements = (seats: SeatOnMap[], quantity: number) => {
  const placements: Array<{ seats: SeatOnMap[]; leavesOrphan: boolean }> = [];
  const rows = new Map<string, SeatOnMap[]>();
  for (const seat of seats)
    rows.set(`${seat.section}/${seat.row}`, [
      ...(rows.get(`${seat.section}/${seat.row}`) ?? []),
      seat,
    ]);
  for (const r of rows.values()) {
    const free = (n: number) => r.find((s) => s.number === n)?.free === true;
    for (let start = 1; start + quantity - 1 <= r.length; start += 1) {
      const block = r.filter((s) => s.number >= start && s.number < start + quantity);
      if (!block.every((s) => s.free)) continue;
      const end = start + quantity - 1;
      const leavesOrphan =
        (free(start - 1) && !free(start - 2)) || (free(end + 1) && !free(end + 2));
      placements.push({ seats: block, leavesOrphan });
    }
  }
  return placements;
};

describe("rankBestAvailable (properties)", () => {
  it("offers only free, adjacent seats of one row, as many as asked, in scope", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 1, max: 10 }), (seats, quantity) => {
        const ranked = rankBestAvailable(seats, { quantity, section: "Stalls" });
        if (!ranked.ok) return;
        for (const block of ranked.value) {
          expect(block.seats).toHaveLength(quantity);
          block.seats.forEach((seat, i) => {
            expect(seat.free).toBe(true);
            expect(seat.section).toBe("Stalls");
            expect(seat.row).toBe(block.seats[0]!.row);
            expect(seat.number).toBe(block.seats[0]!.number + i);
          });
        }
      }),
    );
  });

  it("strands a seat only when every placement in scope would", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 1, max: 4 }), (seats, quantity) => {
        const ranked = rankBestAvailable(seats, { quantity });
        const placements = allPlacements(seats, quantity);
        if (!ranked.ok) {
          expect(placements).toHaveLength(0);
          return;
        }
        const first = ranked.value[0]!;
        expect(first.leavesOrphan).toBe(placements.every((p) => p.leavesOrphan));
      }),
    );
  });

  it("picks the dearest level's front-most row that has room without stranding a seat", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 1, max: 4 }), (seats, quantity) => {
        const ranked = rankBestAvailable(seats, { quantity });
        if (!ranked.ok) return;
        const first = ranked.value[0]!.seats[0]!;
        const placements = allPlacements(seats, quantity);
        const clean = placements.some((p) => !p.leavesOrphan)
          ? placements.filter((p) => !p.leavesOrphan)
          : placements;
        const top = Math.max(...clean.map((p) => p.seats[0]!.priceCents));
        const frontRow = clean
          .filter((p) => p.seats[0]!.priceCents === top)
          .map((p) => p.seats[0]!.row)
          .sort(compareRows)[0];
        expect(first.priceCents).toBe(top);
        expect(first.row).toBe(frontRow);
      }),
    );
  });

  it("refuses with the longest free stretch when no block fits", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 1, max: 10 }), (seats, quantity) => {
        const ranked = rankBestAvailable(seats, { quantity });
        if (ranked.ok || ranked.error.kind !== "not-enough-together") return;
        expect(ranked.error.largest).toBeLessThan(quantity);
        expect(allPlacements(seats, ranked.error.largest).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("wheelchair spaces", () => {
  const refusal = (seats: SeatOnMap[], request: Parameters<typeof rankBestAvailable>[1]) => {
    const ranked = rankBestAvailable(seats, request);
    if (ranked.ok) throw new Error("offered a block");
    return ranked.error;
  };
  /** A Stalls row of 10 with wheelchair spaces at the listed numbers. */
  const withSpaces = (rowLabel: string, spaces: number[], taken: number[] = []) =>
    stalls(rowLabel, taken).map((seat) => ({ ...seat, accessible: spaces.includes(seat.number) }));

  it("never offers a wheelchair space to an ordinary request, and treats it as the row's end", () => {
    const seats = [...withSpaces("A", [1, 10]), ...withSpaces("B", [])];
    const ranked = rankBestAvailable(seats, { quantity: 2 });
    if (!ranked.ok) throw new Error(ranked.error.kind);
    expect(ranked.value.flatMap((block) => block.seats).some((seat) => seat.accessible)).toBe(
      false,
    );
    expect(numbers(ranked.value[0])).toEqual(["A5", "A6"]);
    // Eight ordinary seats: four pairs, then nothing but the spaces.
    expect(numbers(best(withSpaces("A", [1, 10], [2, 3, 4, 5, 6, 7]), 2))).toEqual(["A8", "A9"]);
  });

  it("says only wheelchair spaces are left to an ordinary request", () => {
    expect(
      refusal(withSpaces("A", [1, 2], [3, 4, 5, 6, 7, 8, 9, 10]), {
        quantity: 1,
      }),
    ).toMatchObject({ kind: "sold-out", onlyWheelchairLeft: true });
  });

  it("offers exactly one wheelchair space with ordinary companion seats beside it when asked", () => {
    const seats = [...withSpaces("A", [1, 10]), ...withSpaces("B", [5])];
    expect(numbers(best(seats, 1, { accessible: true }))).toEqual(["A1"]);
    expect(numbers(best(seats, 3, { accessible: true }))).toEqual(["A1", "A2", "A3"]);
    const ranked = rankBestAvailable(seats, { quantity: 2, accessible: true });
    if (!ranked.ok) throw new Error(ranked.error.kind);
    for (const block of ranked.value) {
      expect(block.seats.filter((seat) => seat.accessible)).toHaveLength(1);
    }
    // Two spaces side by side are never one buyer's block.
    const pair = rankBestAvailable(withSpaces("A", [4, 5]), { quantity: 2, accessible: true });
    if (!pair.ok) throw new Error(pair.error.kind);
    expect(pair.value.map(numbers)).not.toContainEqual(["A4", "A5"]);
  });

  it("refuses wheelchair seating where no space is free or has too few seats beside it", () => {
    expect(refusal(stalls("A"), { quantity: 1, accessible: true })).toMatchObject({
      kind: "no-wheelchair-space",
      anyInScope: false,
    });
    expect(refusal(withSpaces("A", [1], [1]), { quantity: 1, accessible: true })).toMatchObject({
      kind: "no-wheelchair-space",
      anyInScope: true,
    });
    expect(refusal(withSpaces("A", [1], [4]), { quantity: 4, accessible: true })).toMatchObject({
      kind: "no-companion-seats",
      largest: 3,
      requested: 4,
    });
  });
});
