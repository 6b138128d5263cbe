import { describe, expect, it } from "vitest";
import { encodeSeatMap, withAvailability, type SeatMapSeat } from "./seat-map";

const seat = (over: Partial<SeatMapSeat>): SeatMapSeat => ({
  sectionPosition: 0,
  row: "A",
  number: 1,
  tierPosition: 0,
  accessible: false,
  state: "available",
  ...over,
});

describe("encodeSeatMap", () => {
  const map = encodeSeatMap(
    {
      eventId: "e",
      currency: "EUR",
      tiers: [{ name: "Std", priceCents: 100 }],
      sectionNames: ["Floor", "Balcony"],
    },
    [
      seat({ number: 1, accessible: true }),
      seat({ number: 2, state: "held" }),
      seat({ number: 3, state: "sold" }),
      seat({ row: "B", number: 1 }),
      seat({ row: "B", number: 4 }),
      seat({ sectionPosition: 1, row: "A", number: 10, state: "held" }),
    ],
  );

  it("describes rows as number ranges, listing numbers only where there are gaps", () => {
    expect(map.sections[0]?.rows).toEqual([
      { label: "A", first: 1, count: 3, tier: 0 },
      { label: "B", first: 1, count: 2, tier: 0, numbers: [1, 4] },
    ]);
    expect(map.sections[1]?.rows).toEqual([{ label: "A", first: 10, count: 1, tier: 0 }]);
  });

  it("encodes availability as one character per seat in section order, with counts", () => {
    expect(map.sections.map((s) => s.availability)).toEqual(["ahsaa", "h"]);
    expect(map.sections[0]?.counts).toEqual({ available: 3, held: 1, sold: 1 });
    expect(map.sections[0]?.accessible).toEqual([0]);
    expect(map.seatCount).toBe(6);
  });
});

describe("withAvailability", () => {
  it("lays held and sold seats over an all-available layout and recounts", () => {
    const layout = encodeSeatMap(
      { eventId: "e", currency: "EUR", tiers: [], sectionNames: ["A", "B"] },
      [0, 1, 2].flatMap((sectionPosition) =>
        [1, 2, 3].map((number) => seat({ sectionPosition, number })),
      ),
    );
    const map = withAvailability(layout, [
      { sectionPosition: 0, position: 2, state: "sold" },
      { sectionPosition: 1, position: 0, state: "held" },
    ]);
    expect(map.sections.map((s) => s.availability)).toEqual(["aas", "haa"]);
    expect(map.sections[1]?.counts).toEqual({ available: 2, held: 1, sold: 0 });
    expect(layout.sections[0]?.availability).toBe("aaa");
  });
});
