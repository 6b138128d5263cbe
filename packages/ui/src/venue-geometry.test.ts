import { describe, expect, it } from "vitest";
import {
  insidePolygon,
  placeSeats,
  pointInSection,
  rowLabelPoints,
  sectionOutline,
  type Point,
} from "./venue-geometry";

const close = (a: Point, b: Point) => {
  expect(a.x).toBeCloseTo(b.x, 6);
  expect(a.y).toBeCloseTo(b.y, 6);
};
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const flat = (points: Point[]) => points.flatMap((p) => [p.x, p.y]);

describe("seat positions", () => {
  it("puts a straight section's rows one unit apart behind its front row, each row centred", () => {
    const seats = placeSeats({ x: 10, y: 20, rotation: 0 }, [3, 2]);
    expect(seats).toHaveLength(5);
    close(seats[0]!, { x: 9, y: 20 });
    close(seats[1]!, { x: 10, y: 20 });
    close(seats[2]!, { x: 11, y: 20 });
    close(seats[3]!, { x: 9.5, y: 21 });
    close(seats[4]!, { x: 10.5, y: 21 });
  });

  it("turns an angled section clockwise around the middle of its front row", () => {
    // At 90° the section faces right (its stage is to the right): the front row runs down the
    // screen and the rows behind it go left.
    const seats = placeSeats({ x: 0, y: 0, rotation: 90 }, [3, 3]);
    close(seats[0]!, { x: 0, y: -1 });
    close(seats[2]!, { x: 0, y: 1 });
    close(seats[4]!, { x: -1, y: 0 });
    // 45°: still one unit between neighbours and between rows.
    const angled = placeSeats({ x: 5, y: 5, rotation: 45 }, [2, 2]);
    expect(distance(angled[0]!, angled[1]!)).toBeCloseTo(1, 6);
    expect(distance(angled[0]!, angled[2]!)).toBeCloseTo(1, 6);
    close(angled[0]!, { x: 5 - Math.SQRT1_2 / 2, y: 5 - Math.SQRT1_2 / 2 });
  });

  it("bends curved rows along circles around one centre, seats one unit apart along each", () => {
    const placement = { x: 0, y: 0, rotation: 0, radius: 20 };
    const rows = [9, 9, 9];
    const seats = placeSeats(placement, rows);
    const centre = { x: 0, y: -20 };
    rows.forEach((count, r) => {
      const row = seats.slice(r * 9, r * 9 + count);
      for (const seat of row) expect(distance(seat, centre)).toBeCloseTo(20 + r, 6);
      // The middle seat is on the section's axis; the arc between neighbours is one unit.
      close(row[4]!, { x: 0, y: r });
      const chord = distance(row[0]!, row[1]!);
      const arc = 2 * (20 + r) * Math.asin(chord / 2 / (20 + r));
      expect(arc).toBeCloseTo(1, 6);
      // Ends curve towards the stage (smaller y) symmetrically.
      expect(row[0]!.y).toBeLessThan(row[4]!.y);
      expect(row[0]!.y).toBeCloseTo(row[8]!.y, 6);
      expect(row[0]!.x).toBeCloseTo(-row[8]!.x, 6);
    });
  });

  it("makes a bowl: sections turned to face one centre keep their front rows on one circle", () => {
    for (const angle of [-112.5, -22.5, 67.5, 157.5]) {
      const rad = (angle * Math.PI) / 180;
      const placement = {
        x: 36 * Math.cos(rad),
        y: 36 * Math.sin(rad),
        rotation: angle - 90,
        radius: 36,
      };
      for (const seat of placeSeats(placement, [26]))
        expect(Math.hypot(seat.x, seat.y)).toBeCloseTo(36, 6);
      // Row B is a unit further out than row A.
      expect(Math.hypot(...Object.values(pointInSection(placement, 1, 0)))).toBeCloseTo(37, 6);
    }
  });
});

describe("section outline", () => {
  it("encloses every seat of a curved, turned section and nothing far outside it", () => {
    const placement = { x: 3, y: -4, rotation: 130, radius: 15 };
    const rows = [10, 10, 10, 10];
    const outline = flat(sectionOutline(placement, rows));
    for (const seat of placeSeats(placement, rows))
      expect(insidePolygon(outline, seat.x, seat.y)).toBe(true);
    expect(insidePolygon(outline, 3, -4 + 30)).toBe(false);
    // The arc's own centre lies in front of the section, outside it.
    const centre = pointInSection(placement, 0, 0, -15);
    expect(insidePolygon(outline, centre.x, centre.y)).toBe(false);
  });

  it("follows a ragged section's row ends", () => {
    const rows = [2, 8];
    const outline = flat(sectionOutline({ x: 0, y: 0, rotation: 0 }, rows));
    expect(insidePolygon(outline, 3.5, 1)).toBe(true); // row B's last seat
    expect(insidePolygon(outline, 3.5, 0)).toBe(false); // beside row A, which is two seats
  });
});

describe("row labels", () => {
  it("sits a little before the first seat and past the last, along the row", () => {
    const placement = { x: 0, y: 0, rotation: 0, radius: 30 };
    const seats = placeSeats(placement, [12]);
    const [before, after] = rowLabelPoints(placement, 0, 12);
    expect(distance(before!, seats[0]!)).toBeGreaterThan(1);
    expect(distance(before!, seats[0]!)).toBeLessThan(2);
    expect(distance(after!, seats[11]!)).toBeLessThan(2);
    // Along a curved row the direction turns: up to the right on the left end, down on the right.
    expect(before!.angle).toBeGreaterThan(0);
    expect(after!.angle).toBeLessThan(0);
  });
});
