import { describe, expect, it } from "vitest";
import { boundsOf, overlaps, placeLabels, type LabelBox } from "./label-layout";

// A small deterministic generator, so a failure can be replayed.
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

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
      const kept = placeLabels(labels, 2);
      expect(kept.length).toBeGreaterThan(0);
      for (const [n, i] of kept.entries())
        for (const j of kept.slice(n + 1))
          expect(overlaps(boundsOf(labels[i]!, 1), boundsOf(labels[j]!, 1))).toBe(false);
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
    expect(placeLabels(labels)).toEqual([0, 1, 2, 3]);
  });

  it("lets the more important of two overlapping labels win, and the first of equals", () => {
    const row = { x: 100, y: 100, width: 30, height: 12, priority: 1 };
    const section = { x: 110, y: 104, width: 80, height: 14, priority: 5 };
    expect(placeLabels([row, section])).toEqual([1]);
    expect(placeLabels([row, { ...row, x: 105 }])).toEqual([0]);
  });

  it("checks a turned label by the box it really covers", () => {
    // A long label turned upright no longer reaches one beside its middle, but reaches one above.
    const upright = { x: 0, y: 0, width: 100, height: 10, angle: Math.PI / 2, priority: 1 };
    expect(placeLabels([upright, { x: 40, y: 0, width: 20, height: 10, priority: 0 }])).toEqual([
      0, 1,
    ]);
    expect(placeLabels([upright, { x: 0, y: 40, width: 20, height: 10, priority: 0 }])).toEqual([
      0,
    ]);
  });
});
