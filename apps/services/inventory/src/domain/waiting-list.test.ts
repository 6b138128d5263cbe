import { describe, expect, it } from "vitest";
import type { SeatOnMap } from "./best-available";
import { chooseOfferSeats } from "./waiting-list";

const seat = (
  section: string,
  row: string,
  number: number,
  free: boolean,
  accessible = false,
): SeatOnMap => ({
  id: `${section}-${row}-${number}`,
  eventId: "e",
  section,
  row,
  number,
  priceCents: section === "Stalls" ? 5000 : 3000,
  currency: "EUR",
  free,
  accessible,
});

describe("chooseOfferSeats", () => {
  it("offers seats side by side when a block is free", () => {
    const map = [1, 2, 3, 4, 5].map((n) => seat("Stalls", "A", n, n === 2 || n === 3 || n === 5));
    expect(chooseOfferSeats(map, { quantity: 2, section: null })?.map((s) => s.number)).toEqual([
      2, 3,
    ]);
  });

  it("splits seats rather than pass them over when no block is left", () => {
    const map = [1, 2, 3, 4, 5].map((n) => seat("Stalls", "A", n, n === 1 || n === 5));
    expect(chooseOfferSeats(map, { quantity: 2, section: null })?.map((s) => s.id)).toEqual([
      "Stalls-A-1",
      "Stalls-A-5",
    ]);
  });

  it("keeps to the entry's section and never offers a wheelchair space", () => {
    const map = [
      seat("Stalls", "A", 1, true),
      seat("Circle", "A", 1, true, true),
      seat("Circle", "A", 2, false),
    ];
    expect(chooseOfferSeats(map, { quantity: 1, section: "Circle" })).toBeNull();
    expect(chooseOfferSeats(map, { quantity: 1, section: "Stalls" })?.map((s) => s.id)).toEqual([
      "Stalls-A-1",
    ]);
    expect(chooseOfferSeats(map, { quantity: 2, section: null })).toBeNull();
  });
});
