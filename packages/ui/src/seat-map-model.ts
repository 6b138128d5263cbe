// The compact seat map from catalog (see apps/services/catalog/README.md) turned into something
// a canvas can draw and a pointer or keyboard can address: every seat gets a position, and seat
// states live in one byte array per section so a live change is a single write. A layout whose
// sections are placed in the venue (catalog's placement, `venue-geometry.ts`) is drawn as the venue;
// one without is laid out on a grid.

import {
  placeSeatsInto,
  pointInSection,
  rowLabelPoints,
  sectionOutline,
  insidePolygon,
  type Point,
  type SectionPlacement,
  type StageShape,
} from "./venue-geometry";

export type SeatMapRow = {
  label: string;
  first: number;
  count: number;
  tier: number;
  numbers?: number[];
};
export type SeatMapSection = {
  name: string;
  placement?: SectionPlacement;
  rows: SeatMapRow[];
  accessible: number[];
  availability: string;
  counts: { available: number; held: number; sold: number };
};
export type SeatMapData = {
  eventId: string;
  currency: string;
  seatCount: number;
  tiers: { name: string; priceCents: number }[];
  stage?: StageShape;
  sections: SeatMapSection[];
  /** The live seat-map revision the seats were read at (catalog's `seatMap`); null: unknown. */
  revision?: number | null;
};

export const AVAILABLE = 0;
export const HELD = 1;
export const SOLD = 2;
export type SeatState = typeof AVAILABLE | typeof HELD | typeof SOLD;
const TAKEN = /[hs]/g;

/**
 * Writes catalog's availability string (`a`, `h`, `s` per seat) into `states`: every seat free,
 * then only the taken ones visited, so a map that is mostly free (an on-sale) costs little more
 * than the fill.
 */
const readAvailability = (availability: string, states: Uint8Array) => {
  states.fill(AVAILABLE);
  TAKEN.lastIndex = 0;
  for (let match = TAKEN.exec(availability); match; match = TAKEN.exec(availability))
    if (match.index < states.length) states[match.index] = match[0] === "h" ? HELD : SOLD;
};
export const STATE_NAMES = ["available", "taken", "sold"] as const;

/** Distance between two seat centres, in map units; a seat is `SEAT` wide. */
export const PITCH = 12;
export const SEAT = 10;
const LABEL = 22;
const GAP = 40;
/** Space around a venue-shaped map's outermost seat or stage edge, in map units. */
const MARGIN = 20;

export type SectionGeometry = {
  name: string;
  /** The box around the section (map units), for culling and fitting the view to it. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The section's outline as x, y pairs (map units), filled at the fitted view. */
  outline: Float32Array;
  /** Where its name goes while seats are drawn, and the middle of its middle row (map units). */
  nameAt: Point & { angle: number };
  centre: Point;
  /**
   * Per row, where its label goes before the first seat and past the last: x, y, angle × 2; a
   * venue-shaped map works them out on first use.
   */
  rowLabels: Float32Array;
  /** Index of each row's first seat within the section. */
  rowStart: number[];
  rows: SeatMapRow[];
  /** Seat centres (map units), by seat index; a venue-shaped map places them on first use. */
  xs: Float32Array;
  ys: Float32Array;
  /** Row index of each seat. */
  rowOf: Uint16Array;
  tierOf: Uint8Array;
  accessible: Set<number>;
  states: Uint8Array;
};

export type SeatRef = { section: number; index: number };

export type SeatMapModel = {
  eventId: string;
  currency: string;
  tiers: SeatMapData["tiers"];
  sections: SectionGeometry[];
  /** Whether sections sit where the venue has them (catalog's placement), not on a grid. */
  shaped: boolean;
  /**
   * Counts the changes of seat states (`applySnapshot`, `applyChange`), so what is computed from
   * them (`sectionSummaries`) is computed once per change however many readers ask.
   */
  revision: number;
  /** The stage or pitch in map units (`x`, `y` its centre); null when the layout has none. */
  stage: StageShape | null;
  width: number;
  height: number;
};

/** `make()` on the first call, the same value on every later one. */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const seatNumber = (row: SeatMapRow, k: number) => row.numbers?.[k] ?? row.first + k;

/**
 * Turns catalog's compact map into positions: the venue's shape when every section is placed,
 * otherwise a grid.
 */
export const buildModel = (data: SeatMapData): SeatMapModel =>
  data.sections.length > 0 && data.sections.every((section) => section.placement)
    ? buildVenueModel(data)
    : buildGridModel(data);

const seatArrays = (section: SeatMapSection) => {
  const total = section.availability.length;
  const rowOf = new Uint16Array(total);
  const tierOf = new Uint8Array(total);
  const states = new Uint8Array(total);
  const rowStart: number[] = [];
  let seat = 0;
  section.rows.forEach((row, r) => {
    rowStart.push(seat);
    rowOf.fill(r, seat, seat + row.count);
    tierOf.fill(row.tier, seat, seat + row.count);
    seat += row.count;
  });
  readAvailability(section.availability, states);
  return { rowOf, tierOf, states, rowStart, total };
};

/**
 * The venue as placed: seats from each section's placement (`venue-geometry.ts`, venue units
 * scaled to map units, one unit = `PITCH`), moved so the map starts at `MARGIN`.
 */
const buildVenueModel = (data: SeatMapData): SeatMapModel => {
  const raw = data.sections.map((section) => {
    const placement = section.placement ?? { x: 0, y: 0, rotation: 0 };
    const counts = section.rows.map((row) => row.count);
    return {
      section,
      placement,
      counts,
      outline: sectionOutline(placement, counts),
    };
  });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const { outline } of raw) for (const p of outline) extend(p.x, p.y);
  const stage = data.stage;
  if (stage) {
    extend(stage.x - stage.width / 2, stage.y - stage.height / 2);
    extend(stage.x + stage.width / 2, stage.y + stage.height / 2);
  }
  const toX = (x: number) => (x - minX) * PITCH + MARGIN;
  const toY = (y: number) => (y - minY) * PITCH + MARGIN;

  const sections = raw.map(({ section, placement, counts, outline }): SectionGeometry => {
    const arrays = seatArrays(section);
    // Seats are placed when first asked for (zooming in, a pointer, keyboard focus), one section
    // at a time: at the fitted view only outlines are drawn, and placing the stadium's 20,800
    // seats as the map arrives was the largest part of its first paint on a slow phone.
    const place = once(() => {
      const xs = new Float32Array(arrays.total);
      const ys = new Float32Array(arrays.total);
      placeSeatsInto(placement, counts, {
        xs,
        ys,
        scale: PITCH,
        dx: MARGIN - minX * PITCH,
        dy: MARGIN - minY * PITCH,
      });
      return { xs, ys };
    });
    const middle = pointInSection(placement, (section.rows.length - 1) / 2, 0);
    const shape = new Float32Array(outline.length * 2);
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    outline.forEach((p, i) => {
      const x = toX(p.x);
      const y = toY(p.y);
      shape[2 * i] = x;
      shape[2 * i + 1] = y;
      left = Math.min(left, x);
      top = Math.min(top, y);
      right = Math.max(right, x);
      bottom = Math.max(bottom, y);
    });
    // Row labels are drawn only zoomed in: worked out then, like the seats.
    const labelRows = once(() => {
      const ends = new Float32Array(section.rows.length * 6);
      section.rows.forEach((row, r) => {
        rowLabelPoints(placement, r, row.count).forEach((p, end) => {
          ends.set([toX(p.x), toY(p.y), p.angle], r * 6 + end * 3);
        });
      });
      return ends;
    });
    const back = Math.max(0, section.rows.length - 1);
    const name = pointInSection(placement, back, 0, 1.8);
    return {
      name: section.name,
      x: left,
      y: top,
      width: right - left,
      height: bottom - top,
      outline: shape,
      nameAt: { x: toX(name.x), y: toY(name.y), angle: (placement.rotation * Math.PI) / 180 },
      centre: { x: toX(middle.x), y: toY(middle.y) },
      get rowLabels() {
        return labelRows();
      },
      rowStart: arrays.rowStart,
      rows: section.rows,
      get xs() {
        return place().xs;
      },
      get ys() {
        return place().ys;
      },
      rowOf: arrays.rowOf,
      tierOf: arrays.tierOf,
      accessible: new Set(section.accessible),
      states: arrays.states,
    };
  });
  return {
    eventId: data.eventId,
    currency: data.currency,
    tiers: data.tiers,
    sections,
    shaped: true,
    revision: 0,
    stage: stage
      ? {
          ...stage,
          x: toX(stage.x),
          y: toY(stage.y),
          width: stage.width * PITCH,
          height: stage.height * PITCH,
        }
      : null,
    width: (maxX - minX) * PITCH + 2 * MARGIN,
    height: (maxY - minY) * PITCH + 2 * MARGIN,
  };
};

/** Lays sections out on a grid (about square), rows centred within their section. */
const buildGridModel = (data: SeatMapData): SeatMapModel => {
  const n = data.sections.length;
  const columns = Math.max(1, Math.ceil(Math.sqrt(n)));
  const sizes = data.sections.map((section) => {
    const widest = Math.max(1, ...section.rows.map((row) => row.count));
    return { width: widest * PITCH, height: LABEL + section.rows.length * PITCH };
  });
  const columnWidths = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...sizes.filter((_, i) => i % columns === c).map((s) => s.width)),
  );
  const gridRows = Math.ceil(n / columns);
  const rowHeights = Array.from({ length: gridRows }, (_, r) =>
    Math.max(0, ...sizes.slice(r * columns, r * columns + columns).map((s) => s.height)),
  );
  const columnX = columnWidths.map((_, c) =>
    columnWidths.slice(0, c).reduce((sum, w) => sum + w + GAP, 0),
  );
  const rowY = rowHeights.map((_, r) =>
    rowHeights.slice(0, r).reduce((sum, h) => sum + h + GAP, 0),
  );

  const sections = data.sections.map((section, i): SectionGeometry => {
    const size = sizes[i] ?? { width: 0, height: 0 };
    const column = i % columns;
    const x = (columnX[column] ?? 0) + ((columnWidths[column] ?? 0) - size.width) / 2;
    const y = rowY[Math.floor(i / columns)] ?? 0;
    const total = section.availability.length;
    const xs = new Float32Array(total);
    const ys = new Float32Array(total);
    const rowOf = new Uint16Array(total);
    const tierOf = new Uint8Array(total);
    const states = new Uint8Array(total);
    const rowStart: number[] = [];
    let seat = 0;
    section.rows.forEach((row, r) => {
      rowStart.push(seat);
      const left = x + (size.width - row.count * PITCH) / 2;
      for (let k = 0; k < row.count; k++, seat++) {
        xs[seat] = left + k * PITCH + PITCH / 2;
        ys[seat] = y + LABEL + r * PITCH + PITCH / 2;
        rowOf[seat] = r;
        tierOf[seat] = row.tier;
      }
    });
    readAvailability(section.availability, states);
    const rowLabels = new Float32Array(section.rows.length * 6);
    section.rows.forEach((row, r) => {
      const start = rowStart[r] ?? 0;
      const cy = ys[start] ?? 0;
      const first = xs[start] ?? 0;
      const last = xs[start + row.count - 1] ?? first;
      rowLabels.set([first - 1.4 * PITCH, cy, 0, last + 1.4 * PITCH, cy, 0], r * 6);
    });
    return {
      name: section.name,
      x,
      y,
      width: size.width,
      height: size.height,
      outline: new Float32Array([
        x,
        y + LABEL,
        x + size.width,
        y + LABEL,
        x + size.width,
        y + size.height,
        x,
        y + size.height,
      ]),
      nameAt: { x: x + size.width / 2, y: y + LABEL / 2, angle: 0 },
      centre: { x: x + size.width / 2, y: y + LABEL + (size.height - LABEL) / 2 },
      rowLabels,
      rowStart,
      rows: section.rows,
      xs,
      ys,
      rowOf,
      tierOf,
      accessible: new Set(section.accessible),
      states,
    };
  });
  const width = Math.max(...sections.map((s) => s.x + s.width), 1);
  const height = Math.max(...sections.map((s) => s.y + s.height), 1);
  return {
    eventId: data.eventId,
    currency: data.currency,
    tiers: data.tiers,
    sections,
    shaped: false,
    revision: 0,
    stage: null,
    width,
    height,
  };
};

/** Replaces every state with a fresh map's (after a reconnect). */
export const applySnapshot = (model: SeatMapModel, data: SeatMapData) => {
  model.revision += 1;
  data.sections.forEach((section, i) => {
    const states = model.sections[i]?.states;
    if (states) readAvailability(section.availability, states);
  });
};

/** The live message catalog publishes: `seats[i]` is `[section, index]`. */
export type SeatChange = {
  eventId: string;
  state: "available" | "held" | "sold";
  seats: [number, number][];
  /** The event's seat-map revision the change was published with; absent from older messages. */
  revision?: number;
};

export const applyChange = (model: SeatMapModel, change: SeatChange): SeatRef[] => {
  const state = change.state === "held" ? HELD : change.state === "sold" ? SOLD : AVAILABLE;
  const touched: SeatRef[] = [];
  for (const [section, index] of change.seats) {
    const states = model.sections[section]?.states;
    if (!states || index < 0 || index >= states.length) continue;
    states[index] = state;
    touched.push({ section, index });
  }
  if (touched.length > 0) model.revision += 1;
  return touched;
};

/** A section's seats by state, and the tier of its cheapest free seat (null when none is free). */
export type SectionSummary = {
  available: number;
  held: number;
  sold: number;
  total: number;
  cheapestTier: number | null;
};

const summaries = new WeakMap<SeatMapModel, { revision: number; sections: SectionSummary[] }>();

/**
 * Every section's summary, from one walk over the seats per change of their states (the stadium
 * has 20,800): the map's colours and labels, the minimap and the counts under the map share it.
 */
export const sectionSummaries = (model: SeatMapModel): SectionSummary[] => {
  const cached = summaries.get(model);
  if (cached?.revision === model.revision) return cached.sections;
  const sections = model.sections.map((section): SectionSummary => {
    const tally = [0, 0, 0];
    let cheapestTier: number | null = null;
    let cheapest = Infinity;
    const { states, tierOf } = section;
    // An indexed loop: iterating a typed array with for…of costs several times as much.
    for (let i = 0; i < states.length; i++) {
      const state = states[i] ?? AVAILABLE;
      tally[state] = (tally[state] ?? 0) + 1;
      if (state !== AVAILABLE) continue;
      const tier = tierOf[i] ?? 0;
      const price = model.tiers[tier]?.priceCents ?? 0;
      if (price < cheapest) {
        cheapest = price;
        cheapestTier = tier;
      }
    }
    return {
      available: tally[AVAILABLE] ?? 0,
      held: tally[HELD] ?? 0,
      sold: tally[SOLD] ?? 0,
      total: states.length,
      cheapestTier,
    };
  });
  summaries.set(model, { revision: model.revision, sections });
  return sections;
};

/** The whole map's seats by state (`sectionSummaries` added up). */
export const counts = (model: SeatMapModel) =>
  sectionSummaries(model).reduce(
    (total, section) => ({
      available: total.available + section.available,
      held: total.held + section.held,
      sold: total.sold + section.sold,
    }),
    { available: 0, held: 0, sold: 0 },
  );

export type SeatInfo = {
  section: string;
  row: string;
  number: number;
  tier: string;
  priceCents: number;
  state: SeatState;
  accessible: boolean;
};

export const seatInfo = (model: SeatMapModel, ref: SeatRef): SeatInfo | null => {
  const section = model.sections[ref.section];
  if (!section || ref.index < 0 || ref.index >= section.states.length) return null;
  const r = section.rowOf[ref.index] ?? 0;
  const row = section.rows[r];
  if (!row) return null;
  const tier = model.tiers[section.tierOf[ref.index] ?? 0];
  return {
    section: section.name,
    row: row.label,
    number: seatNumber(row, ref.index - (section.rowStart[r] ?? 0)),
    tier: tier?.name ?? "",
    priceCents: tier?.priceCents ?? 0,
    state: (section.states[ref.index] ?? AVAILABLE) as SeatState,
    accessible: section.accessible.has(ref.index),
  };
};

/** The seat whose centre is nearest a point, within half a pitch, in one section. */
const nearestSeat = (section: SectionGeometry, x: number, y: number, within = PITCH / 2) => {
  let best = -1;
  let bestDistance = within * within;
  for (let i = 0; i < section.xs.length; i++) {
    const dx = (section.xs[i] ?? 0) - x;
    const dy = (section.ys[i] ?? 0) - y;
    const d = dx * dx + dy * dy;
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
};

/** The seat under a point in map units, if any. */
export const seatAt = (model: SeatMapModel, x: number, y: number): SeatRef | null => {
  if (model.shaped) {
    for (let s = 0; s < model.sections.length; s++) {
      const section = model.sections[s];
      if (!section) continue;
      if (x < section.x || x > section.x + section.width) continue;
      if (y < section.y || y > section.y + section.height) continue;
      const index = nearestSeat(section, x, y);
      if (index >= 0) return { section: s, index };
    }
    return null;
  }
  for (let s = 0; s < model.sections.length; s++) {
    const section = model.sections[s];
    if (!section) continue;
    if (
      x < section.x ||
      x > section.x + section.width ||
      y < section.y ||
      y > section.y + section.height
    )
      continue;
    for (let r = 0; r < section.rows.length; r++) {
      const start = section.rowStart[r] ?? 0;
      const row = section.rows[r];
      if (!row) continue;
      const cy = section.ys[start] ?? 0;
      if (Math.abs(y - cy) > PITCH / 2) continue;
      const left = (section.xs[start] ?? 0) - PITCH / 2;
      const k = Math.floor((x - left) / PITCH);
      if (k >= 0 && k < row.count) return { section: s, index: start + k };
    }
  }
  return null;
};

/** The section whose outline holds a point in map units (at the fitted view a click picks one). */
export const sectionAt = (model: SeatMapModel, x: number, y: number): number | null => {
  for (let s = 0; s < model.sections.length; s++) {
    const section = model.sections[s];
    if (!section) continue;
    if (x < section.x || x > section.x + section.width) continue;
    if (y < section.y || y > section.y + section.height) continue;
    if (insidePolygon(section.outline, x, y)) return s;
  }
  return null;
};

/** Finds a seat by section name, row label and number (what a cart line says). */
export const findSeat = (
  model: SeatMapModel,
  seat: { section: string; row: string; number: number },
): SeatRef | null => {
  const s = model.sections.findIndex((section) => section.name === seat.section);
  const section = model.sections[s];
  if (!section) return null;
  const r = section.rows.findIndex((row) => row.label === seat.row);
  const row = section.rows[r];
  if (!row) return null;
  const k = row.numbers ? row.numbers.indexOf(seat.number) : seat.number - row.first;
  if (k < 0 || k >= row.count) return null;
  return { section: s, index: (section.rowStart[r] ?? 0) + k };
};

/** The seat an arrow key leads to: along the row, to the nearest seat of the next row, or the next section. */
export const neighbour = (
  model: SeatMapModel,
  from: SeatRef,
  key: "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown",
): SeatRef => {
  const section = model.sections[from.section];
  if (!section) return from;
  const r = section.rowOf[from.index] ?? 0;
  const start = section.rowStart[r] ?? 0;
  const count = section.rows[r]?.count ?? 1;
  if (key === "ArrowLeft" || key === "ArrowRight") {
    const step = key === "ArrowRight" ? 1 : -1;
    const k = from.index - start + step;
    if (k >= 0 && k < count) return { section: from.section, index: from.index + step };
    const next = from.section + step;
    const other = model.sections[next];
    if (!other) return from;
    return { section: next, index: step > 0 ? 0 : other.states.length - 1 };
  }
  const targetRow = r + (key === "ArrowDown" ? 1 : -1);
  const target = section.rows[targetRow];
  if (!target) return from;
  // The nearest seat of that row: straight, turned or curved alike.
  const x = section.xs[from.index] ?? 0;
  const y = section.ys[from.index] ?? 0;
  const targetStart = section.rowStart[targetRow] ?? 0;
  let best = targetStart;
  let bestDistance = Infinity;
  for (let k = 0; k < target.count; k++) {
    const i = targetStart + k;
    const d = Math.hypot((section.xs[i] ?? 0) - x, (section.ys[i] ?? 0) - y);
    if (d < bestDistance - 1e-6) {
      bestDistance = d;
      best = i;
    }
  }
  return { section: from.section, index: best };
};

/**
 * The seat keyboard focus starts on: the first free seat from the front (sections in order, rows
 * front to back) that is not a wheelchair space, so a customer arrowing around does not start on a
 * seat kept for someone who needs it; a free wheelchair space only when no other seat is free.
 */
export const firstAvailable = (model: SeatMapModel): SeatRef | null => {
  let wheelchair: SeatRef | null = null;
  for (let s = 0; s < model.sections.length; s++) {
    const section = model.sections[s];
    if (!section) continue;
    for (let index = 0; index < section.states.length; index++) {
      if (section.states[index] !== AVAILABLE) continue;
      if (!section.accessible.has(index)) return { section: s, index };
      wheelchair ??= { section: s, index };
    }
  }
  return wheelchair ?? (model.sections[0] ? { section: 0, index: 0 } : null);
};
