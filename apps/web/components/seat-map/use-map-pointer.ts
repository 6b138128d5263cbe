import { useRef, type PointerEvent, type RefObject } from "react";
import { sectionAt, seatAt, type SeatMapModel, type SeatRef } from "@marquee/ui/seat-map-model";
import { pinchStep, tapOutcome, type Point } from "@marquee/ui/seat-map-touch";

type Gesture = {
  /** Where each pointer on the map is now (fingers, or the one mouse). */
  pointers: Map<number, Point>;
  /** Set once the gesture panned or pinched, so lifting the finger is no tap. */
  moved: boolean;
};

type Options = {
  canvas: RefObject<HTMLCanvasElement | null>;
  model: SeatMapModel;
  scale: () => number;
  zoomAt: (factor: number, px: number, py: number) => void;
  panBy: (dx: number, dy: number) => void;
  /** A point on the canvas (CSS pixels) to map units. */
  toMap: (px: number, py: number) => Point;
  onHover: (hover: { ref: SeatRef; x: number; y: number } | null) => void;
  onTap: (ref: SeatRef) => void;
  /** Whether the map shows sections only (seats too small to draw), where a click picks a section. */
  sectionsOnly: () => boolean;
  onSection: (section: number) => void;
};

/**
 * The map's pointer handlers: drag pans, two fingers pinch, a click or tap holds the seat under
 * it, except that a finger's tap on seats too small to aim at zooms in around it (`tapOutcome`)
 * and a mouse or pen click where only sections are drawn zooms to that section.
 */
export const useMapPointer = ({
  canvas,
  model,
  scale,
  zoomAt,
  panBy,
  toMap,
  onHover,
  onTap,
  sectionsOnly,
  onSection,
}: Options) => {
  const gesture = useRef<Gesture | null>(null);
  const local = (event: PointerEvent): Point => {
    const rect = canvas.current?.getBoundingClientRect();
    return { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) };
  };
  const seatUnder = (point: Point) => {
    const at = toMap(point.x, point.y);
    return seatAt(model, at.x, at.y);
  };
  const release = (event: PointerEvent) => {
    const g = gesture.current;
    g?.pointers.delete(event.pointerId);
    if (g && g.pointers.size === 0) gesture.current = null;
  };

  return {
    onPointerDown: (event: PointerEvent<HTMLCanvasElement>) => {
      const g = (gesture.current ??= { pointers: new Map(), moved: false });
      g.pointers.set(event.pointerId, local(event));
      if (g.pointers.size > 1) g.moved = true;
    },
    onPointerMove: (event: PointerEvent<HTMLCanvasElement>) => {
      const g = gesture.current;
      const was = g?.pointers.get(event.pointerId);
      const now = local(event);
      if (g && was && (event.buttons || event.pointerType === "touch")) {
        const fingers = [...g.pointers.values()];
        if (fingers.length === 2) {
          const other = fingers.find((p) => p !== was) ?? was;
          const step = pinchStep([was, other], [now, other]);
          zoomAt(step.factor, step.from.x, step.from.y);
          panBy(step.to.x - step.from.x, step.to.y - step.from.y);
        } else if (g.moved || Math.abs(now.x - was.x) + Math.abs(now.y - was.y) > 4) {
          if (!g.moved) canvas.current?.setPointerCapture(event.pointerId);
          g.moved = true;
          panBy(now.x - was.x, now.y - was.y);
        } else {
          return; // under the drag threshold: keep the starting point
        }
        g.pointers.set(event.pointerId, now);
        onHover(null);
        return;
      }
      const ref = seatUnder(now);
      onHover(ref ? { ref, x: now.x, y: now.y } : null);
    },
    onPointerUp: (event: PointerEvent<HTMLCanvasElement>) => {
      const g = gesture.current;
      const tapped = g && !g.moved && g.pointers.has(event.pointerId);
      release(event);
      if (!tapped) return;
      const point = local(event);
      if (event.pointerType !== "touch" && sectionsOnly()) {
        const at = toMap(point.x, point.y);
        const section = sectionAt(model, at.x, at.y);
        if (section !== null) onSection(section);
        return;
      }
      const outcome = tapOutcome(event.pointerType, scale());
      if (outcome.kind === "zoom") {
        zoomAt(outcome.factor, point.x, point.y);
        return;
      }
      const ref = seatUnder(point);
      if (ref) onTap(ref);
    },
    // The browser took the gesture over (a vertical swipe scrolling the page).
    onPointerCancel: (event: PointerEvent<HTMLCanvasElement>) => {
      if (gesture.current) gesture.current.moved = true;
      release(event);
    },
    onPointerLeave: () => onHover(null),
  };
};
