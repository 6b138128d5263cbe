import { fail, ok, type Result } from "@marquee/service/result";
import type { SeatFacts } from "./hold-rules";

/**
 * A stocked seat, whether it is free right now (`available`, no hold or sale on it) and whether it
 * is a wheelchair space (catalog's `accessible`).
 */
export type SeatOnMap = SeatFacts & { free: boolean; accessible: boolean };

/** What a buyer asks for: how many seats side by side, optionally at one price or in one section. */
export type BestAvailableRequest = {
  quantity: number;
  /** A price level: only seats at exactly this price. */
  priceCents?: number;
  /** A section's name, exactly as the layout spells it. */
  section?: string;
  /**
   * Wheelchair seating: one wheelchair space and `quantity - 1` ordinary seats right beside it
   * (companions). Without it a wheelchair space is never chosen.
   */
  accessible?: boolean;
};

/** Adjacent free seats of one row that could be held together, with what taking them would do. */
export type SeatBlock = {
  /** The seats to hold, in seat-number order. */
  seats: SeatOnMap[];
  /** The free seats right beside the block (at most one each side), which it must not strand. */
  neighbours: SeatOnMap[];
  /** Every seat of the block's row, in number order: the state the choice was made from. */
  row: SeatOnMap[];
  /** Taking the block would leave a single free seat between it and a taken seat or the row's end. */
  leavesOrphan: boolean;
};

/** Where the buyer looked: a section, a price level, both, or the whole event. */
export type BestAvailableScope = { section?: string; priceCents?: number; currency: string };

export type BestAvailableRefusal =
  | { kind: "unknown-section"; section: string }
  | { kind: "unknown-price"; priceCents: number; currency: string }
  | { kind: "sold-out"; scope: BestAvailableScope; onlyWheelchairLeft: boolean }
  | { kind: "not-enough-together"; scope: BestAvailableScope; largest: number; requested: number }
  | { kind: "no-wheelchair-space"; scope: BestAvailableScope; anyInScope: boolean }
  | {
      kind: "no-companion-seats";
      scope: BestAvailableScope;
      /** The most seats, one wheelchair space among them, still free side by side. */
      largest: number;
      requested: number;
    };

/** Front to back the way catalog labels rows: A … Z, AA, AB, … (shorter labels come first). */
export const compareRows = (a: string, b: string): number =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const rowsOf = (seats: readonly SeatOnMap[]): SeatOnMap[][] => {
  const rows = new Map<string, SeatOnMap[]>();
  for (const seat of seats) {
    const key = `${seat.section}\u0000${seat.row}`;
    const row = rows.get(key);
    if (row) row.push(seat);
    else rows.set(key, [seat]);
  }
  return [...rows.values()].map((row) => row.sort((a, b) => a.number - b.number));
};

/** Maximal runs of free seats with consecutive numbers, as [first, last] indexes into the row. */
const freeRuns = (row: readonly SeatOnMap[]): Array<[number, number]> => {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < row.length; i += 1) {
    const seat = row[i]!;
    const continues = start >= 0 && seat.free && seat.number === row[i - 1]!.number + 1;
    if (continues) continue;
    if (start >= 0) runs.push([start, i - 1]);
    start = seat.free ? i : -1;
  }
  if (start >= 0) runs.push([start, row.length - 1]);
  return runs;
};

/**
 * Where a block may start inside one run of free seats: against either end of the run (an aisle
 * or a taken seat, so no gap opens) and as near the row's centre as the run allows. In a row
 * already cut by taken seats, when the nearest start would leave two odd pieces of the run (each of
 * which would one day strand a seat for buyers of pairs), the start beside it is taken instead; an
 * untouched row is always cut in its exact middle.
 */
const startsInRun = (
  row: readonly SeatOnMap[],
  [first, last]: [number, number],
  quantity: number,
): number[] => {
  const lastStart = last - quantity + 1;
  const centre = (row[0]!.number + row[row.length - 1]!.number) / 2;
  const clamp = (i: number) => Math.min(lastStart, Math.max(first, i));
  // The start whose block's middle seat number is nearest the row's centre.
  const ideal = clamp(first + Math.round(centre - (row[first]!.number + (quantity - 1) / 2)));
  let centred = ideal;
  const left = ideal - first;
  const right = lastStart - ideal;
  const wholeRow = first === 0 && last === row.length - 1;
  if (!wholeRow && left % 2 === 1 && right % 2 === 1) {
    const distance = (i: number) =>
      Math.abs(row[i]!.number + (quantity - 1) / 2 - centre) * 2 + (i > ideal ? 1 : 0);
    centred = [ideal - 1, ideal + 1]
      .filter((i) => i >= first && i <= lastStart)
      .sort((a, b) => distance(a) - distance(b))[0]!;
  }
  return [...new Set([centred, first, lastStart])];
};

const blockAt = (row: SeatOnMap[], start: number, quantity: number): SeatBlock => {
  const end = start + quantity - 1;
  const freeAt = (i: number) => {
    const seat = row[i];
    const inner = i < start ? row[i + 1] : row[i - 1];
    return (
      seat !== undefined &&
      inner !== undefined &&
      seat.free &&
      Math.abs(seat.number - inner.number) === 1
    );
  };
  const stranded = (i: number, outward: number) => freeAt(i) && !freeAt(i + outward);
  const neighbours = [start - 1, end + 1].filter(freeAt).map((i) => row[i]!);
  return {
    seats: row.slice(start, end + 1),
    neighbours,
    row,
    leavesOrphan: stranded(start - 1, -1) || stranded(end + 1, 1),
  };
};

const middleDistance = (block: SeatBlock): number => {
  const { row, seats } = block;
  const centre = (row[0]!.number + row[row.length - 1]!.number) / 2;
  return Math.abs((seats[0]!.number + seats[seats.length - 1]!.number) / 2 - centre);
};

/**
 * Orders blocks best first: a block that strands no seat before any that does (whatever else
 * differs), then the dearer price level (inventory does not know where sections lie; the price is
 * the layout's own ranking of them), then the row nearer the stage, then the block nearer the
 * row's centre, then by section name and seat number so the order is total.
 */
export const compareBlocks = (a: SeatBlock, b: SeatBlock): number => {
  const sa = a.seats[0]!;
  const sb = b.seats[0]!;
  return (
    Number(a.leavesOrphan) - Number(b.leavesOrphan) ||
    sb.priceCents - sa.priceCents ||
    compareRows(sa.row, sb.row) ||
    middleDistance(a) - middleDistance(b) ||
    (sa.section < sb.section ? -1 : sa.section > sb.section ? 1 : 0) ||
    sa.number - sb.number
  );
};

/** The blocks a row offers for `quantity` seats side by side (see `startsInRun`). */
export const blocksOfRow = (row: SeatOnMap[], quantity: number): SeatBlock[] =>
  freeRuns(row)
    .filter(([first, last]) => last - first + 1 >= quantity)
    .flatMap((run) =>
      startsInRun(row, run, quantity).map((start) => blockAt(row, start, quantity)),
    );

/**
 * A row as an ordinary request sees it: without its wheelchair spaces, which are never offered to
 * it. A space drops out of the row as an aisle would, so the seat beside it is a row's end.
 */
export const withoutWheelchairSpaces = (row: readonly SeatOnMap[]): SeatOnMap[] =>
  row.filter((seat) => !seat.accessible);

/** The free stretch around one wheelchair space that holds no other space, as indexes into `row`. */
const companionReach = (row: readonly SeatOnMap[], [first, last]: [number, number], at: number) => {
  let from = at;
  while (from > first && !row[from - 1]!.accessible) from -= 1;
  let to = at;
  while (to < last && !row[to + 1]!.accessible) to += 1;
  return [from, to] as const;
};

/**
 * The blocks a row offers a request for wheelchair seating: `quantity` free seats side by side
 * holding exactly one wheelchair space, the others ordinary seats (companions) on either side of
 * it. Every such placement is offered; `compareBlocks` ranks them as any other block.
 */
export const wheelchairBlocksOfRow = (row: SeatOnMap[], quantity: number): SeatBlock[] => {
  const blocks: SeatBlock[] = [];
  for (const run of freeRuns(row)) {
    for (let at = run[0]; at <= run[1]; at += 1) {
      if (!row[at]!.accessible) continue;
      const [from, to] = companionReach(row, run, at);
      const firstStart = Math.max(from, at - quantity + 1);
      for (let start = firstStart; start <= at && start + quantity - 1 <= to; start += 1) {
        blocks.push(blockAt(row, start, quantity));
      }
    }
  }
  return blocks;
};

/** The most seats, exactly one of them a wheelchair space, free side by side in the row. */
const longestWithWheelchairSpace = (row: readonly SeatOnMap[]): number =>
  Math.max(
    0,
    ...freeRuns(row).flatMap((run) =>
      row
        .slice(run[0], run[1] + 1)
        .map((seat, k) => (seat.accessible ? companionReach(row, run, run[0] + k) : null))
        .filter((reach) => reach !== null)
        .map(([from, to]) => to - from + 1),
    ),
  );

/** The blocks a row offers the request: wheelchair blocks when asked for, otherwise ordinary ones. */
export const blocksForRequest = (
  row: SeatOnMap[],
  quantity: number,
  accessible: boolean,
): SeatBlock[] =>
  accessible
    ? wheelchairBlocksOfRow(row, quantity)
    : blocksOfRow(withoutWheelchairSpaces(row), quantity);

/**
 * Every block that could answer the request, best first (`compareBlocks`), or why there is none:
 * an unknown section or price level, nothing free there, or too few free seats side by side.
 * Pure: `seats` is the event's seat map as read just before; the caller holds the first block it
 * can and falls back to the next when another buyer got there first.
 */
export const rankBestAvailable = (
  seats: readonly SeatOnMap[],
  request: BestAvailableRequest,
): Result<SeatBlock[], BestAvailableRefusal> => {
  const currency = seats[0]?.currency ?? "";
  const { section, priceCents, quantity } = request;
  if (section !== undefined && !seats.some((seat) => seat.section === section)) {
    return fail({ kind: "unknown-section", section });
  }
  const inSection = seats.filter((seat) => section === undefined || seat.section === section);
  if (priceCents !== undefined && !inSection.some((seat) => seat.priceCents === priceCents)) {
    return fail({ kind: "unknown-price", priceCents, currency });
  }
  const inScope = inSection.filter(
    (seat) => priceCents === undefined || seat.priceCents === priceCents,
  );
  const scope = { section, priceCents, currency };
  if (request.accessible) return rankWheelchairBlocks(inScope, quantity, scope);
  if (!inScope.some((seat) => seat.free && !seat.accessible)) {
    const onlyWheelchairLeft = inScope.some((seat) => seat.free);
    return fail({ kind: "sold-out", scope, onlyWheelchairLeft });
  }

  const rows = rowsOf(inScope).map(withoutWheelchairSpaces);
  const blocks = rows.flatMap((row) => blocksOfRow(row, quantity)).sort(compareBlocks);
  if (blocks.length === 0) {
    const largest = Math.max(
      ...rows.flatMap((row) => freeRuns(row).map(([first, last]) => last - first + 1)),
    );
    return fail({ kind: "not-enough-together", scope, largest, requested: quantity });
  }
  return ok(blocks);
};

/** `rankBestAvailable` for a request for wheelchair seating (`wheelchairBlocksOfRow`). */
const rankWheelchairBlocks = (
  inScope: readonly SeatOnMap[],
  quantity: number,
  scope: BestAvailableScope,
): Result<SeatBlock[], BestAvailableRefusal> => {
  if (!inScope.some((seat) => seat.accessible && seat.free)) {
    return fail({
      kind: "no-wheelchair-space",
      scope,
      anyInScope: inScope.some((seat) => seat.accessible),
    });
  }
  const rows = rowsOf(inScope).filter((row) => row.some((seat) => seat.accessible && seat.free));
  const blocks = rows.flatMap((row) => wheelchairBlocksOfRow(row, quantity)).sort(compareBlocks);
  if (blocks.length === 0) {
    const largest = Math.max(...rows.map(longestWithWheelchairSpace));
    return fail({ kind: "no-companion-seats", scope, largest, requested: quantity });
  }
  return ok(blocks);
};

/**
 * Whether `block` is still a choice the rule would make from `row` as it is now: its seats free,
 * one of the row's blocks, and stranding no seat unless it did so when chosen. A buyer who lost
 * the row to someone else since reading the map tries again instead of holding a block that now
 * leaves a gap.
 */
export const stillOffered = (block: SeatBlock, row: SeatOnMap[], accessible = false): boolean => {
  const ids = block.seats.map((seat) => seat.id).join();
  const now = blocksForRequest(row, block.seats.length, accessible).find(
    (candidate) => candidate.seats.map((seat) => seat.id).join() === ids,
  );
  return now !== undefined && (!now.leavesOrphan || block.leavesOrphan);
};

/**
 * Which ranked block to try on the given attempt (0-based). The first attempt takes the best; a
 * buyer who lost a race re-reads the map and picks at random among the best 8, then 64, 512, …
 * blocks that strand no seat (all blocks when every one does), so a crowd that lost the same
 * block spreads over the next ones instead of colliding on each in turn.
 */
export const pickForAttempt = (
  blocks: readonly SeatBlock[],
  attempt: number,
  random: () => number,
): SeatBlock => {
  const clean = blocks.findIndex((block) => block.leavesOrphan);
  const pool = clean > 0 ? clean : blocks.length;
  const window = Math.min(pool, 8 ** attempt);
  return blocks[Math.min(window - 1, Math.floor(random() * window))]!;
};
