import { describe, expect, it } from "vitest";
import { earliestExpiry, sortSeats, totalOf } from "./order-total";

const seat = (priceCents: number) => ({
  seatId: "s",
  section: "A",
  row: "1",
  number: 1,
  priceCents,
});

describe("order totals", () => {
  it("adds every seat of every hold in integer cents", () => {
    expect(totalOf([{ seats: [seat(4_500), seat(5_500)] }, { seats: [seat(1)] }])).toBe(10_001);
    expect(totalOf([])).toBe(0);
  });

  it("takes the earliest hold expiry, or null for an empty cart", () => {
    const early = new Date("2026-11-25T21:00:00Z");
    const late = new Date("2026-11-25T21:10:00Z");
    expect(earliestExpiry([{ expiresAt: late }, { expiresAt: early }])).toEqual(early);
    expect(earliestExpiry([])).toBeNull();
  });
});

describe("seat order", () => {
  it("sorts by section, row (numerically) and number", () => {
    const at = (section: string, row: string, number: number) => ({
      ...seat(1),
      section,
      row,
      number,
    });
    expect(
      sortSeats([at("B", "1", 1), at("A", "10", 1), at("A", "2", 3), at("A", "2", 1)]).map(
        (x) => `${x.section}-${x.row}-${x.number}`,
      ),
    ).toEqual(["A-2-1", "A-2-3", "A-10-1", "B-1-1"]);
  });
});
