import { describe, expect, it } from "vitest";
import {
  buildModel,
  neighbour,
  PITCH,
  seatAt,
  sectionAt,
  SEAT,
  type SeatMapData,
  type SeatMapSection,
} from "./seat-map-model";
import { insidePolygon, type SectionPlacement } from "./venue-geometry";

const section = (
  name: string,
  rows: number,
  seatsPerRow: number,
  placement?: SectionPlacement,
): SeatMapSection => ({
  name,
  ...(placement ? { placement } : {}),
  rows: Array.from({ length: rows }, (_, r) => ({
    label: String.fromCharCode(65 + r),
    first: 1,
    count: seatsPerRow,
    tier: 0,
  })),
  accessible: [0],
  availability: "a".repeat(rows * seatsPerRow),
  counts: { available: rows * seatsPerRow, held: 0, sold: 0 },
});

const data = (sections: SeatMapSection[], stage?: SeatMapData["stage"]): SeatMapData => ({
  eventId: "e",
  currency: "EUR",
  seatCount: sections.reduce((sum, s) => sum + s.availability.length, 0),
  tiers: [{ name: "Main", priceCents: 1_000 }],
  ...(stage ? { stage } : {}),
  sections,
});

/**
 * The demo stadium's bowl (catalog's seed): eight stands in each of two rings, rows widening to
 * keep their front row's angle (catalog's `rowSeatCounts`).
 */
const bowl = () => {
  const place = (angle: number, radius: number): SectionPlacement => {
    const rad = (angle * Math.PI) / 180;
    return { x: radius * Math.cos(rad), y: radius * Math.sin(rad), rotation: angle - 90, radius };
  };
  const stand = (name: string, rows: number, front: number, placement: SectionPlacement) => {
    const counts = Array.from({ length: rows }, (_, r) =>
      Math.round((front * (placement.radius! + r)) / placement.radius!),
    );
    const seats = counts.reduce((sum, count) => sum + count, 0);
    return {
      ...section(name, rows, front, placement),
      rows: counts.map((count, r) => ({ label: String(r + 1), first: 1, count, tier: 0 })),
      availability: "a".repeat(seats),
      counts: { available: seats, held: 0, sold: 0 },
    };
  };
  const angles = Array.from({ length: 8 }, (_, i) => -90 + i * 45);
  return data(
    [
      ...angles.map((angle, i) => stand(`Lower ${i}`, 19, 51, place(angle, 68))),
      ...angles.map((angle, i) => stand(`Upper ${i}`, 20, 68, place(angle, 91))),
    ],
    { label: "Pitch", shape: "rectangle", x: 0, y: 0, width: 104, height: 68 },
  );
};

describe("a venue-shaped seat map", () => {
  it("places seats from each section's placement, the whole map starting at its margin", () => {
    const model = buildModel(
      data(
        [
          section("Stalls", 2, 3, { x: 0, y: 0, rotation: 0 }),
          section("Side", 1, 2, { x: 10, y: 0, rotation: 90 }),
        ],
        { label: "Stage", shape: "rectangle", x: 0, y: -4, width: 8, height: 2 },
      ),
    );
    expect(model.shaped).toBe(true);
    const [stalls, side] = model.sections;
    // Neighbours one pitch apart; the stage's top edge (y = -5) is the top of the map.
    expect(stalls!.xs[1]! - stalls!.xs[0]!).toBeCloseTo(PITCH, 4);
    expect(stalls!.ys[3]! - stalls!.ys[0]!).toBeCloseTo(PITCH, 4);
    expect(model.stage).toMatchObject({ label: "Stage", width: 8 * PITCH, height: 2 * PITCH });
    expect(model.stage!.y - model.stage!.height / 2).toBeCloseTo(20, 4);
    // The side section faces right: its two seats are one above the other.
    expect(side!.xs[0]).toBeCloseTo(side!.xs[1]!, 4);
    expect(side!.ys[1]! - side!.ys[0]!).toBeCloseTo(PITCH, 4);
    for (const s of model.sections)
      for (let i = 0; i < s.xs.length; i++) {
        expect(s.xs[i]).toBeLessThanOrEqual(model.width);
        expect(s.ys[i]).toBeLessThanOrEqual(model.height);
      }
  });

  it("keeps the grid for a layout without placement", () => {
    const model = buildModel(data([section("Floor", 2, 4), section("Balcony", 1, 4)]));
    expect(model.shaped).toBe(false);
    expect(model.stage).toBeNull();
    expect(model.sections[1]!.x).toBeGreaterThanOrEqual(
      model.sections[0]!.x + model.sections[0]!.width,
    );
  });

  it("finds the seat under a point and the section under a point on turned, curved sections", () => {
    const model = buildModel(
      data([
        section("Left", 5, 10, { x: -20, y: 0, rotation: 60, radius: 25 }),
        section("Right", 5, 10, { x: 20, y: 0, rotation: -60, radius: 25 }),
      ]),
    );
    for (const [s, sec] of model.sections.entries())
      for (const index of [0, 7, 23, 49]) {
        const x = sec.xs[index]!;
        const y = sec.ys[index]!;
        expect(seatAt(model, x + SEAT * 0.3, y - SEAT * 0.3)).toEqual({ section: s, index });
        expect(sectionAt(model, x, y)).toBe(s);
      }
    // Between the two sections there is neither.
    const middleX = (model.sections[0]!.centre.x + model.sections[1]!.centre.x) / 2;
    const middleY = model.sections[0]!.centre.y;
    expect(seatAt(model, middleX, middleY)).toBeNull();
    expect(sectionAt(model, middleX, middleY)).toBeNull();
  });

  it("moves up and down a curved row to the nearest seat of the next row", () => {
    const model = buildModel(data([section("Arc", 3, 9, { x: 0, y: 0, rotation: 0, radius: 8 })]));
    // The middle seat of row A: down is the middle of row B, whatever the curve does at the ends.
    expect(neighbour(model, { section: 0, index: 4 }, "ArrowDown")).toEqual({
      section: 0,
      index: 13,
    });
    expect(neighbour(model, { section: 0, index: 0 }, "ArrowDown")).toEqual({
      section: 0,
      index: 9,
    });
    expect(neighbour(model, { section: 0, index: 17 }, "ArrowUp")).toEqual({
      section: 0,
      index: 8,
    });
  });

  it("lays the demo stadium's 20,800 seats out as a bowl where no seat overlaps another or the pitch", () => {
    const model = buildModel(bowl());
    expect(model.sections.reduce((sum, s) => sum + s.xs.length, 0)).toBe(20_800);
    // Seats closer than a seat's width would overlap: hash them into cells a pitch wide.
    const cells = new Map<string, Array<[number, number]>>();
    const key = (cx: number, cy: number) => `${cx}:${cy}`;
    let closest = Infinity;
    for (const s of model.sections)
      for (let i = 0; i < s.xs.length; i++) {
        const x = s.xs[i]!;
        const y = s.ys[i]!;
        const cx = Math.floor(x / PITCH);
        const cy = Math.floor(y / PITCH);
        for (let dx = -1; dx <= 1; dx++)
          for (let dy = -1; dy <= 1; dy++)
            for (const [ox, oy] of cells.get(key(cx + dx, cy + dy)) ?? [])
              closest = Math.min(closest, Math.hypot(ox - x, oy - y));
        const k = key(cx, cy);
        const cell = cells.get(k);
        if (cell) cell.push([x, y]);
        else cells.set(k, [[x, y]]);
      }
    expect(closest).toBeGreaterThanOrEqual(SEAT);
    const pitch = model.stage!;
    const pitchCorners = [
      pitch.x - pitch.width / 2,
      pitch.y - pitch.height / 2,
      pitch.x + pitch.width / 2,
      pitch.y - pitch.height / 2,
      pitch.x + pitch.width / 2,
      pitch.y + pitch.height / 2,
      pitch.x - pitch.width / 2,
      pitch.y + pitch.height / 2,
    ];
    let onThePitch = 0;
    for (const s of model.sections)
      for (let i = 0; i < s.xs.length; i++)
        if (insidePolygon(pitchCorners, s.xs[i]!, s.ys[i]!)) onThePitch += 1;
    expect(onThePitch).toBe(0);
  });
});
