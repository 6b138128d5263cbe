import { describe, expect, it } from "vitest";
import { checkPlacements } from "./venue-shape";

describe("checkPlacements", () => {
  it("accepts a layout with every section placed, and one with none", () => {
    const placed = { x: 0, y: 0, rotation: 0, radius: 30 };
    expect(
      checkPlacements([
        { seatsPerRow: 20, placement: placed },
        { seatsPerRow: 20, placement: placed },
      ]),
    ).toEqual([]);
    expect(checkPlacements([{ seatsPerRow: 20 }, { seatsPerRow: 20 }])).toEqual([]);
  });

  it("names each section left without a place when others have one", () => {
    const issues = checkPlacements([
      { seatsPerRow: 10, placement: { x: 0, y: 0, rotation: 0 } },
      { seatsPerRow: 10 },
      { seatsPerRow: 10 },
    ]);
    expect(issues.map((issue) => issue.path.join("."))).toEqual([
      "sections.1.placement",
      "sections.2.placement",
    ]);
    expect(issues[0]?.message).toBe("missing; place every section or none (1 of 3 are placed)");
  });

  it("refuses a curve so tight that the front row would wrap around its circle", () => {
    // 26 seats need a circle of at least 26 / 2π ≈ 4.1 units: radius 4 is too small, 5 fits.
    const tight = checkPlacements([
      { seatsPerRow: 26, placement: { x: 0, y: 0, rotation: 0, radius: 4 } },
    ]);
    expect(tight).toEqual([
      {
        path: ["sections", 0, "placement", "radius"],
        message: "a row of 26 seats wraps around a circle of radius 4; use a radius of at least 5",
      },
    ]);
    expect(
      checkPlacements([{ seatsPerRow: 26, placement: { x: 0, y: 0, rotation: 0, radius: 5 } }]),
    ).toEqual([]);
  });

  it("refuses rows asked to widen that are not curved, naming the field", () => {
    expect(
      checkPlacements([
        { seatsPerRow: 10, widenRows: true, placement: { x: 0, y: 0, rotation: 0 } },
        { seatsPerRow: 10, widenRows: true, placement: { x: 30, y: 0, rotation: 0, radius: 20 } },
      ]),
    ).toEqual([
      {
        path: ["sections", 0, "widenRows"],
        message:
          "only curved rows widen; give the section a radius, or keep its rows the same length",
      },
    ]);
  });
});
