// Where a layout's sections sit in the venue, and the stage or pitch they face. Positions are in
// venue units (one unit = one seat's width, also the distance between rows); the web computes
// each seat's position from these few numbers, so the seat map stays compact.

/**
 * A section's place in the venue: `x`, `y` is the middle of its front row; at `rotation` 0 the
 * section faces up (the stage is at smaller `y`) and its rows run back towards larger `y`;
 * `rotation` turns it clockwise, in degrees. Without `radius` the rows are straight; with it they
 * are arcs around a point `radius` units in front of the front row (row r on the circle of radius
 * `radius + r`), seats one unit apart along each arc.
 */
export type SectionPlacement = { x: number; y: number; rotation: number; radius?: number };

/** The stage, pitch or floor the sections face: a rectangle or an ellipse centred on `x`, `y`. */
export type StageShape = {
  label: string;
  shape: "rectangle" | "ellipse";
  x: number;
  y: number;
  width: number;
  height: number;
};

/** How far from the origin anything may be placed, and the largest stage, in venue units. */
export const MAX_VENUE_EXTENT = 10_000;

export type ShapeIssue = { path: Array<string | number>; message: string };

/**
 * What geometry alone cannot decide, each naming its field: placed and unplaced sections in one
 * layout (the web could not lay them out together), a curved row so long that it would wrap
 * around its circle, and rows asked to widen that are not curved.
 */
export const checkPlacements = (
  sections: ReadonlyArray<{
    seatsPerRow: number;
    widenRows?: boolean | undefined;
    placement?: SectionPlacement | undefined;
  }>,
): ShapeIssue[] => {
  const issues: ShapeIssue[] = [];
  const placed = sections.filter((section) => section.placement).length;
  sections.forEach((section, i) => {
    const placement = section.placement;
    if (section.widenRows && placement?.radius === undefined)
      issues.push({
        path: ["sections", i, "widenRows"],
        message:
          "only curved rows widen; give the section a radius, or keep its rows the same length",
      });
    if (!placement) {
      if (placed > 0)
        issues.push({
          path: ["sections", i, "placement"],
          message: `missing; place every section or none (${placed} of ${sections.length} are placed)`,
        });
      return;
    }
    // The front row turns the furthest: its seats must fit in less than a full turn (rows that
    // widen keep its angle, give or take the half seat each is rounded by).
    if (placement.radius !== undefined && section.seatsPerRow > 2 * Math.PI * placement.radius)
      issues.push({
        path: ["sections", i, "placement", "radius"],
        message: `a row of ${section.seatsPerRow} seats wraps around a circle of radius ${placement.radius}; use a radius of at least ${Math.ceil(section.seatsPerRow / (2 * Math.PI))}`,
      });
  });
  return issues;
};
