// Where seats sit in a venue-shaped layout, from the few numbers catalog keeps per section (see
// "Venue shape" in apps/services/catalog/README.md): the middle of the front row, a rotation and,
// for curved rows, the radius of the front row's circle. Everything here is in venue units (one
// unit = one seat's width = the distance between rows); the model scales it to map units.

/** A section's place: `x`, `y` the middle of its front row, `rotation` clockwise in degrees. */
export type SectionPlacement = { x: number; y: number; rotation: number; radius?: number };

/** The stage or pitch the sections face, centred on `x`, `y`. */
export type StageShape = {
  label: string;
  shape: "rectangle" | "ellipse";
  x: number;
  y: number;
  width: number;
  height: number;
};

export type Point = { x: number; y: number };

/**
 * The point `along` units from the middle of row `row` (measured along the row, at the row's own
 * radius when curved) and `depth` units behind its centre line: every seat, outline corner and
 * label position comes from this one function.
 */
export const pointInSection = (
  placement: SectionPlacement,
  row: number,
  along: number,
  depth = 0,
): Point => {
  let lx: number;
  let ly: number;
  if (placement.radius === undefined) {
    lx = along;
    ly = row + depth;
  } else {
    const rowRadius = placement.radius + row;
    const reach = rowRadius + depth;
    const angle = along / rowRadius;
    lx = reach * Math.sin(angle);
    ly = reach * Math.cos(angle) - placement.radius;
  }
  const turn = (placement.rotation * Math.PI) / 180;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  return { x: placement.x + lx * cos - ly * sin, y: placement.y + lx * sin + ly * cos };
};

/** The direction a row runs at `along` (radians, clockwise from the x axis). */
export const rowDirection = (placement: SectionPlacement, row: number, along: number): number => {
  const bend = placement.radius === undefined ? 0 : along / (placement.radius + row);
  return (placement.rotation * Math.PI) / 180 - bend;
};

/**
 * How many seats each row of a section holds when its curved rows widen, front to back: as many
 * as keep the front row's angle on each row's longer arc, as catalog plans them (its
 * `rowSeatCounts`); the organizer's preview and seat total read this before catalog has the layout.
 */
export const widenedRowCounts = (rows: number, seatsPerRow: number, radius: number): number[] =>
  Array.from({ length: rows }, (_, r) => Math.round((seatsPerRow * (radius + r)) / radius));

/** How far along its row seat `k` of `count` sits: seats one unit apart, the row centred. */
export const seatOffset = (k: number, count: number) => k - (count - 1) / 2;

/** Where placed seats are written: map x = venue x × `scale` + `dx` (the same for y). */
export type SeatsOut = {
  xs: Float32Array | Float64Array;
  ys: Float32Array | Float64Array;
  scale: number;
  dx: number;
  dy: number;
};

/**
 * Every seat's centre in seat map order (rows front to back, seats left to right), written into
 * `out` (at most as many seats as it holds). `pointInSection`'s arithmetic for the seats' own line
 * (depth 0), in one loop with the turn worked out once: a stadium places 20,800 seats as its map
 * arrives, in code the browser runs for the first time, where every call and object counts.
 */
export const placeSeatsInto = (
  placement: SectionPlacement,
  rowCounts: readonly number[],
  out: SeatsOut,
): void => {
  const { xs, ys, scale, dx, dy } = out;
  const turn = (placement.rotation * Math.PI) / 180;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  const { radius } = placement;
  let i = 0;
  for (let row = 0; row < rowCounts.length; row++) {
    const count = rowCounts[row] ?? 0;
    const rowRadius = radius === undefined ? 0 : radius + row;
    for (let k = 0; k < count && i < xs.length; k++, i++) {
      const along = k - (count - 1) / 2;
      let lx = along;
      let ly = row;
      if (radius !== undefined) {
        const angle = along / rowRadius;
        lx = rowRadius * Math.sin(angle);
        ly = rowRadius * Math.cos(angle) - radius;
      }
      xs[i] = (placement.x + lx * cos - ly * sin) * scale + dx;
      ys[i] = (placement.y + lx * sin + ly * cos) * scale + dy;
    }
  }
};

/** Every seat's centre in seat map order, in venue units (`placeSeatsInto`). */
export const placeSeats = (placement: SectionPlacement, rowCounts: readonly number[]): Point[] => {
  const total = rowCounts.reduce((sum, count) => sum + count, 0);
  const out = {
    xs: new Float64Array(total),
    ys: new Float64Array(total),
    scale: 1,
    dx: 0,
    dy: 0,
  };
  placeSeatsInto(placement, rowCounts, out);
  return Array.from(out.xs, (x, i) => ({ x, y: out.ys[i] ?? 0 }));
};

/**
 * The section's outline, half a unit outside its outer seats: along the front row, down the left
 * ends of the rows, back along the last row and up the right ends, so a curved or ragged section
 * is drawn as it is.
 */
export const sectionOutline = (
  placement: SectionPlacement,
  rowCounts: readonly number[],
): Point[] => {
  const last = rowCounts.length - 1;
  if (last < 0) return [];
  const edge = (row: number, depth: number, direction: 1 | -1) => {
    const count = rowCounts[row] ?? 0;
    const half = count / 2;
    const points: Point[] = [];
    for (let k = 0; k <= count; k++) {
      const along = direction * (k - half);
      points.push(pointInSection(placement, row, along, depth));
    }
    return points;
  };
  const leftEnds: Point[] = [];
  const rightEnds: Point[] = [];
  rowCounts.forEach((count, row) => {
    leftEnds.push(pointInSection(placement, row, -count / 2));
    rightEnds.push(pointInSection(placement, row, count / 2));
  });
  return [...edge(0, -0.5, 1), ...rightEnds, ...edge(last, 0.5, -1), ...leftEnds.reverse()];
};

/**
 * Where a row's label goes: a unit before its first seat and a unit past its last, each with the
 * row's direction there, so the label reads along the row.
 */
export const rowLabelPoints = (
  placement: SectionPlacement,
  row: number,
  count: number,
): Array<Point & { angle: number }> =>
  [-(count / 2 + 0.9), count / 2 + 0.9].map((along) => ({
    ...pointInSection(placement, row, along),
    angle: rowDirection(placement, row, along),
  }));

/** Whether a point is inside a polygon (even-odd rule), for the section under a pointer. */
export const insidePolygon = (polygon: ArrayLike<number>, x: number, y: number): boolean => {
  let inside = false;
  const n = polygon.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = polygon[2 * i] ?? 0;
    const yi = polygon[2 * i + 1] ?? 0;
    const xj = polygon[2 * j] ?? 0;
    const yj = polygon[2 * j + 1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
