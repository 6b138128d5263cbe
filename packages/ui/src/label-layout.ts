// Which map labels to draw so that none overlaps another and none runs off the map, decided in
// screen pixels on every repaint: as many labels as fit in their shortest forms (the more
// important first), then each in its fullest form that still touches none of the others; a
// section's name at the map's edge moves inwards a little rather than being cut off.

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
  /** Shorter forms of the label (say, the name without its details), tried in order. */
  fallbacks?: ReadonlyArray<{ width: number; height: number }>;
  /**
   * Whether the label may move inwards, by up to half its size, to stay inside the area: a
   * section's name may; a row's label, which must stay beside its row, may not.
   */
  movable?: boolean;
};

/**
 * A label to draw: in which form (0 the label itself, n its `fallbacks[n - 1]`) and where its
 * centre goes (where it was asked for, or moved inside the map's area).
 */
export type PlacedLabel = { index: number; form: number; x: number; y: number };

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

/** A label's own rectangle, turned with it: centre, half its sides (padded), its angle. */
export type TurnedBox = {
  x: number;
  y: number;
  halfWidth: number;
  halfHeight: number;
  angle: number;
};

export const turnedBoxOf = (label: LabelBox, padding = 0): TurnedBox => ({
  x: label.x,
  y: label.y,
  halfWidth: label.width / 2 + padding,
  halfHeight: label.height / 2 + padding,
  angle: label.angle ?? 0,
});

/** Half the length of `box`'s shadow on the unit axis (`ax`, `ay`). */
const reachAlong = (box: TurnedBox, ax: number, ay: number) => {
  const cos = Math.cos(box.angle);
  const sin = Math.sin(box.angle);
  return (
    box.halfWidth * Math.abs(cos * ax + sin * ay) + box.halfHeight * Math.abs(-sin * ax + cos * ay)
  );
};

/**
 * Whether two turned rectangles overlap: they do unless one of their four side directions
 * separates them (the separating axis theorem), so two diagonal labels side by side are not kept
 * apart by the larger upright boxes around them.
 */
export const turnedOverlap = (a: TurnedBox, b: TurnedBox) => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const angle of [a.angle, b.angle]) {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (const [ax, ay] of [
      [cos, sin],
      [-sin, cos],
    ] as const) {
      if (Math.abs(dx * ax + dy * ay) >= reachAlong(a, ax, ay) + reachAlong(b, ax, ay))
        return false;
    }
  }
  return true;
};

/**
 * How far to move `box` so it lies inside `area`: no more than `reach` pixels either way, or null
 * when that is not enough (or the box is larger than the area).
 */
const moveInside = (box: Bounds, area: Bounds, reach: number) => {
  const dx = Math.max(0, area.left - box.left) - Math.max(0, box.right - area.right);
  const dy = Math.max(0, area.top - box.top) - Math.max(0, box.bottom - area.bottom);
  if (box.right - box.left > area.right - area.left) return null;
  if (box.bottom - box.top > area.bottom - area.top) return null;
  return Math.abs(dx) <= reach && Math.abs(dy) <= reach ? { dx, dy } : null;
};

/**
 * The labels to draw, in the order given, none overlapping another (each its own rectangle, turned
 * with it, with `padding` pixels around it) and all inside `area` when one is given. First, by priority, each label in its shortest
 * form that touches no label kept before it, so as many labels as possible are drawn at all; then,
 * by priority, each grows to the fullest form that still touches none of the others. A movable
 * label that would cross the area's edge moves inwards by up to half its size rather than being
 * left out; any other is left out.
 */
export const placeLabels = (
  labels: readonly LabelBox[],
  padding = 2,
  area?: Bounds,
): PlacedLabel[] => {
  const order = labels.map((_, i) => i);
  order.sort((a, b) => (labels[b]?.priority ?? 0) - (labels[a]?.priority ?? 0) || a - b);
  /** Form `form` of `label` where it can go, as placed and as its box, or null. */
  const fit = (label: LabelBox, form: number) => {
    const size = form === 0 ? label : label.fallbacks?.[form - 1];
    if (!size) return null;
    const wanted = { ...label, width: size.width, height: size.height };
    const box = boundsOf(wanted, padding / 2);
    const reach = label.movable ? Math.min(box.right - box.left, box.bottom - box.top) / 2 : 0;
    const move = area ? moveInside(box, area, reach) : { dx: 0, dy: 0 };
    if (!move) return null;
    const at = { form, x: label.x + move.dx, y: label.y + move.dy };
    return { at, box: turnedBoxOf({ ...wanted, x: at.x, y: at.y }, padding / 2) };
  };
  const kept = new Map<number, NonNullable<ReturnType<typeof fit>>>();
  const clear = (box: TurnedBox, except: number) => {
    for (const [other, { box: taken }] of kept)
      if (other !== except && turnedOverlap(box, taken)) return false;
    return true;
  };
  for (const index of order) {
    const label = labels[index];
    if (!label) continue;
    const shortest = fit(label, label.fallbacks?.length ?? 0);
    if (shortest && clear(shortest.box, index)) kept.set(index, shortest);
  }
  for (const index of order) {
    const label = labels[index];
    const current = kept.get(index);
    if (!label || !current) continue;
    for (let form = 0; form < current.at.form; form++) {
      const fuller = fit(label, form);
      if (fuller && clear(fuller.box, index)) {
        kept.set(index, fuller);
        break;
      }
    }
  }
  return [...kept].sort(([a], [b]) => a - b).map(([index, { at }]) => ({ index, ...at }));
};
