// Which map labels to draw so that none overlaps another: a label that would touch one already
// placed is left out (the more important one wins), decided in screen pixels on every repaint.

export type LabelBox = {
  /** Centre, in screen pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Radians clockwise; the label is checked by the box around it turned. */
  angle?: number;
  /** Higher first; equal ones in the order given. */
  priority: number;
};

export type Bounds = { left: number; top: number; right: number; bottom: number };

/** The upright box around a label turned by its angle. */
export const boundsOf = (label: LabelBox, padding = 0): Bounds => {
  const angle = label.angle ?? 0;
  const cos = Math.abs(Math.cos(angle));
  const sin = Math.abs(Math.sin(angle));
  const halfWidth = (label.width * cos + label.height * sin) / 2 + padding;
  const halfHeight = (label.width * sin + label.height * cos) / 2 + padding;
  return {
    left: label.x - halfWidth,
    top: label.y - halfHeight,
    right: label.x + halfWidth,
    bottom: label.y + halfHeight,
  };
};

export const overlaps = (a: Bounds, b: Bounds) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The indexes of the labels to draw, by priority: each is kept only if its box (with `padding`
 * pixels around it) overlaps no label kept before it, so no two drawn labels ever overlap.
 */
export const placeLabels = (labels: readonly LabelBox[], padding = 2): number[] => {
  const order = labels.map((_, i) => i);
  order.sort((a, b) => (labels[b]?.priority ?? 0) - (labels[a]?.priority ?? 0) || a - b);
  const kept: Bounds[] = [];
  const keptIndexes: number[] = [];
  for (const i of order) {
    const label = labels[i];
    if (!label) continue;
    const box = boundsOf(label, padding / 2);
    if (kept.some((other) => overlaps(box, other))) continue;
    kept.push(box);
    keptIndexes.push(i);
  }
  return keptIndexes.sort((a, b) => a - b);
};
