import { describe, expect, it } from "vitest";
import { seatLabel } from "./seat-label";

describe("seatLabel", () => {
  it("names a seat section-row-number", () => {
    expect(seatLabel({ section: "A", row: "12", number: 7 })).toBe("A-12-7");
  });
});
