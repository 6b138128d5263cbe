import type { SectionPlacement, StageShape } from "./venue-shape";

export type SeatState = "available" | "held" | "sold";

/** One character per seat in a section's `availability` string. */
export const STATE_CHAR: Record<SeatState, string> = { available: "a", held: "h", sold: "s" };

/**
 * A row of a section. Seats `first` … `first + count - 1` when numbered without gaps; otherwise
 * `numbers` lists them. Every seat of the row is at price tier `tier` (an index into `tiers`).
 */
export type SeatMapRow = {
  label: string;
  first: number;
  count: number;
  tier: number;
  numbers?: number[];
};

export type SeatMapSection = {
  name: string;
  /** Where the section sits in the venue; absent: the client lays sections out on a grid. */
  placement?: SectionPlacement;
  rows: SeatMapRow[];
  /** Indexes (within the section) of wheelchair spaces. */
  accessible: number[];
  /** One character per seat in section order (rows front to back, seats by number): a | h | s. */
  availability: string;
  counts: Record<SeatState, number>;
};

/** The compact seat map: layout, price tiers and availability, without per-seat objects. */
export type SeatMap = {
  eventId: string;
  currency: string;
  seatCount: number;
  tiers: Array<{ name: string; priceCents: number }>;
  /** The stage or pitch the sections face; absent for a layout without shape. */
  stage?: StageShape;
  sections: SeatMapSection[];
};

/** A seat as read for the seat map: ordered by section, then position within the section. */
export type SeatMapSeat = {
  sectionPosition: number;
  row: string;
  number: number;
  tierPosition: number;
  accessible: boolean;
  state: SeatState;
};

/**
 * Encodes seats (already in section/position order) into the compact seat map. Seat `i` of a
 * section is the `i`-th character of its availability string and the `i`-th id of `seatIds`.
 */
export const encodeSeatMap = (
  head: {
    eventId: string;
    currency: string;
    tiers: SeatMap["tiers"];
    sectionNames: string[];
    placements?: ReadonlyArray<SectionPlacement | null>;
    stage?: StageShape | null;
  },
  seats: readonly SeatMapSeat[],
): SeatMap => {
  const sections: SeatMapSection[] = head.sectionNames.map((name, i) => ({
    name,
    ...(head.placements?.[i] ? { placement: head.placements[i] } : {}),
    rows: [],
    accessible: [],
    availability: "",
    counts: { available: 0, held: 0, sold: 0 },
  }));
  const chars: string[][] = sections.map(() => []);
  for (const seat of seats) {
    const section = sections[seat.sectionPosition];
    const sectionChars = chars[seat.sectionPosition];
    if (!section || !sectionChars) continue;
    const index = sectionChars.length;
    sectionChars.push(STATE_CHAR[seat.state]);
    section.counts[seat.state] += 1;
    if (seat.accessible) section.accessible.push(index);
    const last = section.rows[section.rows.length - 1];
    if (last?.label === seat.row && last.tier === seat.tierPosition) {
      if (!last.numbers && seat.number === last.first + last.count) {
        last.count += 1;
      } else {
        last.numbers ??= Array.from({ length: last.count }, (_, i) => last.first + i);
        last.numbers.push(seat.number);
        last.count += 1;
      }
    } else {
      section.rows.push({ label: seat.row, first: seat.number, count: 1, tier: seat.tierPosition });
    }
  }
  sections.forEach((section, i) => {
    section.availability = chars[i]?.join("") ?? "";
  });
  return {
    eventId: head.eventId,
    currency: head.currency,
    seatCount: seats.length,
    tiers: head.tiers,
    ...(head.stage ? { stage: head.stage } : {}),
    sections,
  };
};

/** A seat that is not available, by its place in the seat map. */
export type TakenSeat = { sectionPosition: number; position: number; state: SeatState };

/**
 * The seat map with current availability laid over a layout whose seats were all encoded as
 * available: the layout part never changes, so it can be encoded once and reused.
 */
export const withAvailability = (layout: SeatMap, taken: readonly TakenSeat[]): SeatMap => {
  const chars = layout.sections.map((section) => section.availability.split(""));
  for (const seat of taken) {
    const section = chars[seat.sectionPosition];
    if (section && seat.position < section.length) section[seat.position] = STATE_CHAR[seat.state];
  }
  return {
    ...layout,
    sections: layout.sections.map((section, i) => {
      const availability = chars[i]?.join("") ?? section.availability;
      const counts: Record<SeatState, number> = { available: 0, held: 0, sold: 0 };
      for (const char of availability) {
        counts[char === "h" ? "held" : char === "s" ? "sold" : "available"] += 1;
      }
      return { ...section, availability, counts };
    }),
  };
};
