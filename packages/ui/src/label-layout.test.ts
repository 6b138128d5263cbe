import { describe, expect, it } from "vitest";
import { boundsOf, overlaps, placeLabels, type LabelBox } from "./label-layout";

/** A label's corners, turned with it: worked out here apart from the code under test. */
const corners = (label: LabelBox, padding: number): Array<[number, number]> => {
  const angle = label.angle ?? 0;
  const w = label.width / 2 + padding;
  const h = label.height / 2 + padding;
  return [
    [-w, -h],
    [w, -h],
    [w, h],
    [-w, h],
  ].map(([px, py]) => [
    label.x + px! * Math.cos(angle) - py! * Math.sin(angle),
    label.y + px! * Math.sin(angle) + py! * Math.cos(angle),
  ]);
};
const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
/** Whether a point lies strictly inside a convex polygon given clockwise or anticlockwise. */
const insideConvex = (polygon: Array<[number, number]>, p: [number, number]) => {
  const signs = polygon.map((a, i) => Math.sign(cross(a, polygon[(i + 1) % polygon.length]!, p)));
  return signs.every((sign) => sign > 0) || signs.every((sign) => sign < 0);
};
const segmentsCross = (
  a: [number, number],
  b: [number, number],
  c: [number, number],
  d: [number, number],
) => cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0;
/** Whether two labels' turned rectangles share any area. */
const labelsOverlap = (a: LabelBox, b: LabelBox, padding: number) => {
  const pa = corners(a, padding);
  const pb = corners(b, padding);
  if (pa.some((p) => insideConvex(pb, p)) || pb.some((p) => insideConvex(pa, p))) return true;
  return pa.some((p, i) =>
    pb.some((q, j) => segmentsCross(p, pa[(i + 1) % 4]!, q, pb[(j + 1) % 4]!)),
  );
};

// A small deterministic generator, so a failure can be replayed.
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const indexes = (placed: Array<{ index: number }>) => placed.map(({ index }) => index);
const forms = (placed: Array<{ index: number; form: number }>) =>
  placed.map(({ index, form }) => [index, form]);

describe("label layout", () => {
  it("never keeps two labels that overlap, however crowded, turned or not", () => {
    const next = random(7);
    for (let round = 0; round < 20; round++) {
      const labels: LabelBox[] = Array.from({ length: 150 }, () => ({
        x: next() * 400,
        y: next() * 300,
        width: 20 + next() * 80,
        height: 10 + next() * 8,
        angle: next() < 0.5 ? 0 : (next() - 0.5) * Math.PI,
        priority: Math.floor(next() * 3),
      }));
      const kept = placeLabels(labels, 2).map(({ index }) => index);
      expect(kept.length).toBeGreaterThan(0);
      for (const [n, i] of kept.entries())
        for (const j of kept.slice(n + 1))
          expect(labelsOverlap(labels[i]!, labels[j]!, 1)).toBe(false);
    }
  });

  it("keeps every label when none touches another", () => {
    const labels = [0, 1, 2, 3].map((i) => ({
      x: i * 50,
      y: 10,
      width: 40,
      height: 12,
      priority: 0,
    }));
    expect(indexes(placeLabels(labels))).toEqual([0, 1, 2, 3]);
  });

  it("lets the more important of two overlapping labels win, and the first of equals", () => {
    const row = { x: 100, y: 100, width: 30, height: 12, priority: 1 };
    const section = { x: 110, y: 104, width: 80, height: 14, priority: 5 };
    expect(indexes(placeLabels([row, section]))).toEqual([1]);
    expect(indexes(placeLabels([row, { ...row, x: 105 }]))).toEqual([0]);
  });

  it("checks a turned label by the box it really covers", () => {
    // A long label turned upright no longer reaches one beside its middle, but reaches one above.
    const upright = { x: 0, y: 0, width: 100, height: 10, angle: Math.PI / 2, priority: 1 };
    expect(
      indexes(placeLabels([upright, { x: 40, y: 0, width: 20, height: 10, priority: 0 }])),
    ).toEqual([0, 1]);
    expect(
      indexes(placeLabels([upright, { x: 0, y: 40, width: 20, height: 10, priority: 0 }])),
    ).toEqual([0]);
    // Two long labels turned 45°, side by side along their diagonal: their upright boxes would
    // overlap, the labels themselves do not, so both are kept; moved onto one line they clash.
    const diagonal = { x: 0, y: 0, width: 100, height: 12, angle: Math.PI / 4, priority: 1 };
    const beside = { ...diagonal, x: 14, y: -14 };
    expect(overlaps(boundsOf(diagonal), boundsOf(beside))).toBe(true);
    expect(indexes(placeLabels([diagonal, beside]))).toEqual([0, 1]);
    expect(indexes(placeLabels([diagonal, { ...beside, x: 30, y: 30 }]))).toEqual([0]);
  });

  it("names as many labels as fit in their short forms, then gives each its whole form where it fits", () => {
    // Two sections' names with their prices, side by side: the prices would meet, the names not.
    const west = {
      x: 100,
      y: 100,
      width: 140,
      height: 30,
      priority: 2,
      fallbacks: [{ width: 70, height: 14 }],
    };
    const east = { ...west, x: 220 };
    expect(forms(placeLabels([west, east]))).toEqual([
      [0, 0],
      [1, 1],
    ]);
    // A label with no shorter form is still drawn beside the other's short one.
    expect(forms(placeLabels([west, { ...east, fallbacks: [] }]))).toEqual([
      [0, 1],
      [1, 0],
    ]);
    // A less important section inside a more important one's whole label: both are named.
    const upper = { ...west, priority: 3 };
    const lower = { ...west, x: 175, priority: 2 };
    expect(forms(placeLabels([upper, lower]))).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it("keeps labels inside the map's area, a movable one moved inwards by at most half its size", () => {
    const area = { left: 0, top: 0, right: 300, bottom: 200 };
    const nearEdge = {
      x: 270,
      y: 100,
      width: 120,
      height: 30,
      priority: 2,
      fallbacks: [{ width: 60, height: 14 }],
      movable: true,
    };
    // The whole label would cross the edge by 30 px, more than half its height: the short one
    // (60 wide, crossing by 1 px) moves in instead.
    const [placed] = placeLabels([nearEdge], 2, area);
    expect(placed).toMatchObject({ index: 0, form: 1, y: 100 });
    expect(placed!.x).toBeCloseTo(269, 5);
    expect(placeLabels([{ ...nearEdge, x: 305 }], 2, area)).toEqual([]);
    // A row's label stays beside its row: crossing the edge by a pixel leaves it out.
    expect(placeLabels([{ ...nearEdge, movable: false }], 2, area)).toEqual([]);
    expect(placeLabels([{ ...nearEdge, x: 268, movable: false }], 2, area)).toEqual([
      { index: 0, form: 1, x: 268, y: 100 },
    ]);
    // Random labels over a larger field: whatever is kept lies inside the area, and none overlap.
    const next = random(11);
    const labels: LabelBox[] = Array.from({ length: 200 }, () => ({
      x: next() * 400 - 50,
      y: next() * 300 - 50,
      width: 20 + next() * 80,
      height: 12,
      priority: Math.floor(next() * 3),
      fallbacks: [{ width: 15, height: 12 }],
      movable: next() < 0.5,
    }));
    const drawn = placeLabels(labels, 2, area).map(({ index, form, x, y }) => {
      const label = labels[index]!;
      const size = form === 0 ? label : label.fallbacks![form - 1]!;
      return { ...label, ...size, x, y };
    });
    expect(drawn.length).toBeGreaterThan(20);
    for (const [n, label] of drawn.entries()) {
      const box = boundsOf(label, 1);
      expect(box.left).toBeGreaterThanOrEqual(area.left);
      expect(box.right).toBeLessThanOrEqual(area.right);
      expect(box.top).toBeGreaterThanOrEqual(area.top);
      expect(box.bottom).toBeLessThanOrEqual(area.bottom);
      for (const other of drawn.slice(n + 1)) expect(labelsOverlap(label, other, 1)).toBe(false);
    }
  });
});
