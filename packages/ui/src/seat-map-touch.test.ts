import { describe, expect, it } from "vitest";
import { SEAT } from "./seat-map-model";
import {
  MIN_TAP_SEAT_PX,
  TAP_ZOOM_SEAT_PX,
  pinchStep,
  tapOutcome,
  touchActionFor,
} from "./seat-map-touch";

describe("a tap on the seat map", () => {
  it("zooms in around the tap, to seats a finger can aim at, when seats are smaller than a fingertip", () => {
    const fitted = 0.15; // a 400-seat row across a phone: seats 1.5 px wide
    const outcome = tapOutcome("touch", fitted);
    expect(outcome.kind).toBe("zoom");
    if (outcome.kind !== "zoom") return;
    expect(SEAT * fitted * outcome.factor).toBeCloseTo(TAP_ZOOM_SEAT_PX);
  });

  it("holds the seat once seats are big enough to aim at", () => {
    expect(tapOutcome("touch", MIN_TAP_SEAT_PX / SEAT)).toEqual({ kind: "hold" });
    expect(tapOutcome("touch", 3)).toEqual({ kind: "hold" });
  });

  it("keeps a mouse or pen click holding the seat at any zoom", () => {
    expect(tapOutcome("mouse", 0.05)).toEqual({ kind: "hold" });
    expect(tapOutcome("pen", 0.05)).toEqual({ kind: "hold" });
  });
});

describe("the browser's share of touch gestures", () => {
  it("lets a vertical swipe scroll the page at the fitted view or zoomed out", () => {
    expect(touchActionFor(0.4, 0.4)).toBe("pan-y");
    expect(touchActionFor(0.2, 0.4)).toBe("pan-y");
  });

  it("keeps every drag for the map once it is zoomed in", () => {
    expect(touchActionFor(0.6, 0.4)).toBe("none");
  });
});

describe("a pinch", () => {
  it("zooms by how far the fingers spread, around their midpoint, following it as it moves", () => {
    const step = pinchStep(
      [
        { x: 100, y: 100 },
        { x: 200, y: 100 },
      ],
      [
        { x: 60, y: 120 },
        { x: 260, y: 120 },
      ],
    );
    expect(step).toEqual({ factor: 2, from: { x: 150, y: 100 }, to: { x: 160, y: 120 } });
  });

  it("does not zoom when both fingers start on one point", () => {
    const p = { x: 10, y: 10 };
    expect(pinchStep([p, p], [p, { x: 50, y: 10 }]).factor).toBe(1);
  });
});
