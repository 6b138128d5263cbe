import { describe, expect, it } from "vitest";
import { seatLabel } from "./seat-label";

describe("seatLabel", () => {
  it("spells out section, row and seat", () => {
    expect(seatLabel({ section: "A", row: "12", number: 7 })).toBe("Section A, row 12, seat 7");
  });

  it("keeps names of several words and lettered rows as they are", () => {
    expect(seatLabel({ section: "Upper Circle", row: "AA", number: 101 })).toBe(
      "Section Upper Circle, row AA, seat 101",
    );
  });
});
