// What a finger does on the seat map, decided without a canvas: a tap where seats are too small
// to aim at zooms in around it instead of holding a seat nobody could see, two fingers pinch, and
// while the map is at its fitted view a vertical swipe belongs to the page (it scrolls).
import { SEAT } from "./seat-map-model";

/** A seat drawn smaller than this (CSS pixels) is too small to aim at with a finger. */
export const MIN_TAP_SEAT_PX = 24;
/** A tap on seats that small zooms in until a seat is this big. */
export const TAP_ZOOM_SEAT_PX = 32;

export type TapOutcome = { kind: "hold" } | { kind: "zoom"; factor: number };

/**
 * A touch tap on seats smaller than a fingertip zooms in (by `factor`, around the tap); any other
 * tap, and every mouse or pen click, holds the seat under it as before.
 */
export const tapOutcome = (pointerType: string, scale: number): TapOutcome => {
  if (pointerType !== "touch" || SEAT * scale >= MIN_TAP_SEAT_PX) return { kind: "hold" };
  return { kind: "zoom", factor: TAP_ZOOM_SEAT_PX / SEAT / scale };
};

/**
 * The browser's share of touch gestures on the map: at the fitted view (or zoomed out further)
 * vertical swipes scroll the page; zoomed in, every drag pans the map.
 */
export const touchActionFor = (scale: number, fittedScale: number): "pan-y" | "none" =>
  scale > fittedScale * 1.001 ? "none" : "pan-y";

export type Point = { x: number; y: number };

const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * How two fingers moved between two pointer events: zoom by `factor` around where their midpoint
 * was (`from`), then move that point to where the midpoint is now (`to`).
 */
export const pinchStep = (before: readonly [Point, Point], after: readonly [Point, Point]) => {
  const was = distance(...before);
  return {
    factor: was > 0 ? distance(...after) / was : 1,
    from: midpoint(...before),
    to: midpoint(...after),
  };
};
