import type { SectionPlacement, StageShape } from "./venue-shape";

/**
 * What an organizer asks for: named sections of rows × seats, each section at one price tier, and
 * optionally where each section sits around a stage or pitch (`venue-shape.ts`).
 */
export type LayoutSpec = {
  currency: string;
  tiers: Array<{ name: string; priceCents: number }>;
  sections: Array<{
    name: string;
    rows: number;
    seatsPerRow: number;
    /** Curved rows only: each row holds as many more seats as its longer arc has room for. */
    widenRows?: boolean;
    tier: string;
    placement?: SectionPlacement;
  }>;
  stage?: StageShape;
};

/** A seat as catalog stores it; `position` is its index within its section (seat map order). */
export type PlannedSeat = {
  id: string;
  sectionPosition: number;
  position: number;
  row: string;
  rowPosition: number;
  number: number;
  tierPosition: number;
  accessible: boolean;
};

export type PlannedSection = {
  id: string;
  position: number;
  name: string;
  placement: SectionPlacement | null;
  seats: PlannedSeat[];
};
export type PlannedLayout = {
  id: string;
  currency: string;
  stage: StageShape | null;
  tiers: Array<{ id: string; position: number; name: string; priceCents: number }>;
  sections: PlannedSection[];
  seatCount: number;
};

/** Seats per `catalog.seats-generated` message: well under a Kafka message's size limit. */
export const SEATS_PER_CHUNK = 1_000;
export const MAX_LAYOUT_SEATS = 100_000;

/** Spreadsheet-style row labels: A … Z, AA, AB, … (index 0 is A). */
export const rowLabel = (index: number): string => {
  let label = "";
  let n = index + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    label = String.fromCharCode(65 + rem) + label;
    n = Math.floor((n - 1) / 26);
  }
  return label;
};

/**
 * How many seats each row of a section holds, front to back: `seatsPerRow` in every row, or, for
 * curved rows that widen (`widenRows`), as many as keep the front row's angle on each row's longer
 * arc (row r lies on the circle of radius `radius + r`), so the section's sides point at the
 * centre as a stadium's stands do and neighbouring sections stay apart by the same angle.
 */
export const rowSeatCounts = (section: {
  rows: number;
  seatsPerRow: number;
  widenRows?: boolean | undefined;
  placement?: SectionPlacement | undefined;
}): number[] => {
  const radius = section.widenRows ? section.placement?.radius : undefined;
  return Array.from({ length: section.rows }, (_, r) =>
    radius === undefined
      ? section.seatsPerRow
      : Math.round((section.seatsPerRow * (radius + r)) / radius),
  );
};

/**
 * Lays out every seat of a spec, in the order the seat map encodes them: sections in the given
 * order, rows front to back, seats numbered from 1 within each row. The front row's two aisle
 * seats of each section are wheelchair spaces (`accessible`).
 */
export const planLayout = (spec: LayoutSpec, newId: () => string): PlannedLayout => {
  const tierIndex = new Map(spec.tiers.map((tier, i) => [tier.name, i]));
  const sections = spec.sections.map((section, sectionPosition): PlannedSection => {
    const tierPosition = tierIndex.get(section.tier);
    if (tierPosition === undefined) throw new Error(`unknown tier ${section.tier}`);
    const seats: PlannedSeat[] = [];
    for (const [r, count] of rowSeatCounts(section).entries()) {
      for (let s = 0; s < count; s += 1) {
        seats.push({
          id: newId(),
          sectionPosition,
          position: seats.length,
          row: rowLabel(r),
          rowPosition: r,
          number: s + 1,
          tierPosition,
          accessible: r === 0 && (s === 0 || s === count - 1),
        });
      }
    }
    return {
      id: newId(),
      position: sectionPosition,
      name: section.name,
      placement: section.placement ?? null,
      seats,
    };
  });
  return {
    id: newId(),
    currency: spec.currency,
    stage: spec.stage ?? null,
    tiers: spec.tiers.map((tier, position) => ({ id: newId(), position, ...tier })),
    sections,
    seatCount: sections.reduce((sum, section) => sum + section.seats.length, 0),
  };
};

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};
