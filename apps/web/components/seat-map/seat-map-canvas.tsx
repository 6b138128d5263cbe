"use client";

import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from "react";
import {
  AVAILABLE,
  firstAvailable,
  HELD,
  neighbour,
  SOLD,
  PITCH,
  SEAT,
  sectionSummaries,
  seatInfo,
  type SeatInfo,
  type SeatMapModel,
  type SeatRef,
} from "@marquee/ui/seat-map-model";
import { touchActionFor } from "@marquee/ui/seat-map-touch";
import { formatCount, formatMoney } from "../../lib/format";
import { drawMinimap, minimapFrame } from "./minimap";
import {
  drawLabels,
  drawStage,
  fillSection,
  ROW_LABEL_SEAT_PX,
  SECTION_ZOOM_SEAT_PX,
  showsSectionsOnly,
  upright,
  type MapLabel,
} from "./venue-drawing";
import {
  FOCUS_COLOR,
  HELD_COLOR,
  MINE_COLOR,
  SOLD_COLOR,
  tierColor,
  WHEELCHAIR_MARK_DARK,
  WHEELCHAIR_MARK_LIGHT,
} from "./seat-colors";
import { useMapPointer } from "./use-map-pointer";
import "./seat-map.css";

export const seatKey = (ref: SeatRef) => `${ref.section}:${ref.index}`;

type View = { scale: number; x: number; y: number };

type Props = {
  model: SeatMapModel;
  /** Bumped whenever seat states change, so the map repaints. */
  version: number;
  /** Seats in the customer's cart (`seatKey`). */
  mine: ReadonlySet<string>;
  label: string;
  describe: (info: SeatInfo, mine: boolean) => string;
  onActivate: (ref: SeatRef) => void;
  /** A preview (the organizer's layout builder): not the page's seat map the skip link leads to. */
  preview?: boolean;
};

const MIN_SCALE = 0.05;
const MAX_SCALE = 6;
const FIT_MAX_SCALE = 3;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A section's seats as paths: fills per colour, and the wheelchair spaces' rings per colour. */
type SectionPaths = { fills: Map<string, Path2D>; rings: Map<string, Path2D> };

/** The ring drawn inside a wheelchair space, in map units (a seat is `SEAT` wide). */
const RING_RADIUS = SEAT * 0.27;
const RING_WIDTH = SEAT * 0.16;

/**
 * One path per colour per section: a repaint is then a handful of fills. A wheelchair space also
 * gets a ring inside it (dark on a free or own seat, light on a taken or sold one), so it stands
 * out by shape, not by colour alone.
 */
const buildPaths = (model: SeatMapModel, mine: ReadonlySet<string>): SectionPaths[] => {
  const half = SEAT / 2;
  const mineBySection = new Map<number, Set<number>>();
  for (const key of mine) {
    const [s, i] = key.split(":").map(Number) as [number, number];
    let set = mineBySection.get(s);
    if (!set) mineBySection.set(s, (set = new Set()));
    set.add(i);
  }
  return model.sections.map((section, s) => {
    const batches = new Map<string, Path2D>();
    const rings = new Map<string, Path2D>();
    const own = mineBySection.get(s);
    const { xs, ys, states, tierOf, accessible } = section;
    for (let i = 0; i < states.length; i++) {
      const state = states[i];
      const color = own?.has(i)
        ? MINE_COLOR
        : state === AVAILABLE
          ? tierColor(tierOf[i] ?? 0)
          : state === HELD
            ? HELD_COLOR
            : SOLD_COLOR;
      let path = batches.get(color);
      if (!path) batches.set(color, (path = new Path2D()));
      path.rect((xs[i] ?? 0) - half, (ys[i] ?? 0) - half, SEAT, SEAT);
    }
    for (const i of accessible) {
      const taken = !own?.has(i) && (states[i] === HELD || states[i] === SOLD);
      const mark = taken ? WHEELCHAIR_MARK_LIGHT : WHEELCHAIR_MARK_DARK;
      let ring = rings.get(mark);
      if (!ring) rings.set(mark, (ring = new Path2D()));
      const cx = xs[i] ?? 0;
      const cy = ys[i] ?? 0;
      ring.moveTo(cx + RING_RADIUS, cy);
      ring.arc(cx, cy, RING_RADIUS, 0, Math.PI * 2);
    }
    return { fills: batches, rings };
  });
};

/**
 * The seat map on one <canvas>: every seat is a rectangle drawn in batches per colour, so the
 * 20,800-seat stadium repaints in a few milliseconds while zooming and panning. Pointer: hover for
 * details, click to hold, drag to pan, wheel to zoom; touch: a tap on seats too small to aim at
 * zooms in around it, two fingers pinch, a vertical swipe scrolls the page until the map is zoomed
 * in (`use-map-pointer.ts`, `@marquee/ui/seat-map-touch`). Wheelchair spaces carry a ring. Keyboard: arrows move a focused seat, Enter
 * or Space holds it, + and − zoom, 0 fits; a live region reads out the focused seat.
 */
export function SeatMapCanvas({
  model,
  version,
  mine,
  label,
  describe,
  onActivate,
  preview = false,
}: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const view = useRef<View>({ scale: 1, x: 0, y: 0 });
  const fittedScale = useRef(1);
  const size = useRef({ width: 0, height: 0 });
  const drawRequest = useRef(0);
  const [focus, setFocus] = useState<SeatRef | null>(null);
  const [hover, setHover] = useState<{ ref: SeatRef; x: number; y: number } | null>(null);
  const [ready, setReady] = useState(false);
  // The latest props for draw(), which also runs from animation frames and listeners; written
  // before any effect below draws (layout effects run in order).
  const focusRef = useRef<SeatRef | null>(focus);
  const mineRef = useRef(mine);
  const versionRef = useRef(version);
  useLayoutEffect(() => {
    focusRef.current = focus;
    mineRef.current = mine;
    versionRef.current = version;
  });
  const paths = useRef<{
    version: number;
    mine: ReadonlySet<string>;
    sections: SectionPaths[];
  } | null>(null);
  const minimap = useRef<HTMLCanvasElement>(null);

  const draw = useCallback(() => {
    // Drawn now: a frame already asked for would only draw the same again.
    if (drawRequest.current) cancelAnimationFrame(drawRequest.current);
    drawRequest.current = 0;
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = size.current;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, el.width, el.height);
    const { scale, x, y } = view.current;
    el.style.touchAction = touchActionFor(scale, fittedScale.current);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * x, dpr * y);
    // Only sections on screen are drawn.
    const left = -x / scale - PITCH;
    const top = -y / scale - PITCH;
    const right = (width - x) / scale + PITCH;
    const bottom = (height - y) / scale + PITCH;
    const half = SEAT / 2;
    const onScreen = (section: SeatMapModel["sections"][number]) =>
      section.x <= right &&
      section.x + section.width >= left &&
      section.y <= bottom &&
      section.y + section.height >= top;
    const toScreen = (mx: number, my: number) => ({ x: mx * scale + x, y: my * scale + y });
    const labels: MapLabel[] = [];
    drawStage(ctx, model, scale);
    if (model.stage) {
      const at = toScreen(model.stage.x, model.stage.y);
      labels.push({
        lines: [model.stage.label],
        ...at,
        angle: 0,
        size: 14,
        bold: true,
        priority: 4,
        movable: true,
      });
    }
    const summary = sectionSummaries(model);
    const sectionsOnly = showsSectionsOnly(scale);
    if (sectionsOnly) {
      // Seats would be specks: each section is its outline, coloured by what is free and its
      // price, named with both; the customer's own seats still show.
      model.sections.forEach((section, s) => {
        if (!onScreen(section)) return;
        fillSection(ctx, section, summary[s], scale);
        const info = summary[s];
        const tier = info?.cheapestTier !== null && info ? model.tiers[info.cheapestTier] : null;
        labels.push({
          lines: [
            section.name,
            tier && info
              ? `from ${formatMoney(tier.priceCents, model.currency)} · ${formatCount(info.available)} free`
              : "Sold out",
          ],
          short: [section.name],
          ...toScreen(section.centre.x, section.centre.y),
          // Along the section's rows, as a stadium's stands are named: rings of them fit.
          angle: upright(section.nameAt.angle),
          size: 12,
          priority: 2 + section.states.length / 1e6,
          movable: true,
        });
      });
      const mark = Math.max(SEAT, 5 / scale);
      ctx.fillStyle = MINE_COLOR;
      for (const key of mineRef.current) {
        const [s, i] = key.split(":").map(Number) as [number, number];
        const cx = model.sections[s]?.xs[i];
        const cy = model.sections[s]?.ys[i];
        if (cx !== undefined && cy !== undefined)
          ctx.fillRect(cx - mark / 2, cy - mark / 2, mark, mark);
      }
    } else {
      // Seat paths are built when seat states or the cart change, not on every pan, zoom or move.
      const cached = paths.current;
      const sectionPaths =
        cached && cached.version === versionRef.current && cached.mine === mineRef.current
          ? cached.sections
          : buildPaths(model, mineRef.current);
      paths.current = {
        version: versionRef.current,
        mine: mineRef.current,
        sections: sectionPaths,
      };
      const rowLabels = SEAT * scale >= ROW_LABEL_SEAT_PX;
      const rowSize = Math.min(13, Math.max(9, SEAT * scale * 0.8));
      model.sections.forEach((section, s) => {
        if (!onScreen(section)) return;
        const paths = sectionPaths[s];
        if (!paths) return;
        for (const [color, path] of paths.fills) {
          ctx.fillStyle = color;
          ctx.fill(path);
        }
        ctx.lineWidth = RING_WIDTH;
        for (const [color, ring] of paths.rings) {
          ctx.strokeStyle = color;
          ctx.stroke(ring);
        }
        labels.push({
          lines: [section.name],
          ...toScreen(section.nameAt.x, section.nameAt.y),
          angle: upright(section.nameAt.angle),
          size: 13,
          bold: true,
          priority: 3,
          movable: true,
        });
        if (!rowLabels) return;
        const ends = section.rowLabels;
        section.rows.forEach((row, r) => {
          for (let end = 0; end < 2; end++) {
            const at = r * 6 + end * 3;
            const mx = ends[at] ?? 0;
            const my = ends[at + 1] ?? 0;
            if (mx < left || mx > right || my < top || my > bottom) continue;
            labels.push({
              lines: [row.label],
              ...toScreen(mx, my),
              angle: upright(ends[at + 2] ?? 0),
              size: rowSize,
              priority: 1,
            });
          }
        });
      });
    }
    const current = focusRef.current;
    if (current) {
      const section = model.sections[current.section];
      const cx = section?.xs[current.index];
      const cy = section?.ys[current.index];
      if (cx !== undefined && cy !== undefined) {
        ctx.strokeStyle = FOCUS_COLOR;
        ctx.lineWidth = Math.max(1.5, 2.5 / scale);
        ctx.strokeRect(cx - half - 2, cy - half - 2, SEAT + 4, SEAT + 4);
      }
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const drawn = drawLabels(ctx, labels, { left: 0, top: 0, right: width, bottom: height });
    // What is drawn, for the browser tests (a canvas has no DOM to look into).
    el.dataset.view = sectionsOnly ? "sections" : "seats";
    el.dataset.stage = model.stage?.label ?? "";
    el.dataset.rowLabels = String(drawn.filter((label) => label.priority === 1).length);
    // The minimap shows where the screen is in the venue, once zoomed in past the whole of it.
    const small = minimap.current;
    if (small) {
      const zoomedIn = scale > fittedScale.current * 1.05;
      small.hidden = !zoomedIn;
      if (zoomedIn)
        drawMinimap(small, model, summary, {
          left: -x / scale,
          top: -y / scale,
          width: width / scale,
          height: height / scale,
        });
    }
  }, [model]);

  const requestDraw = useCallback(() => {
    if (!drawRequest.current) drawRequest.current = requestAnimationFrame(draw);
  }, [draw]);

  const fit = useCallback(() => {
    const { width, height } = size.current;
    if (!width || !height) return;
    // A small room is not blown up past a comfortable size.
    const scale = clamp(
      Math.min(width / (model.width + 20), height / (model.height + 20)),
      MIN_SCALE,
      FIT_MAX_SCALE,
    );
    fittedScale.current = scale;
    view.current = {
      scale,
      x: (width - model.width * scale) / 2,
      y: (height - model.height * scale) / 2,
    };
    requestDraw();
  }, [model, requestDraw]);

  // Size the canvas to its box (and the screen's pixel ratio), then fit the map, and draw it in
  // this commit, before the browser paints.
  useLayoutEffect(() => {
    const el = canvas.current;
    const box = frame.current;
    if (!el || !box) return;
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const rect = box.getBoundingClientRect();
      const first = size.current.width === 0;
      size.current = { width: rect.width, height: rect.height };
      el.width = Math.round(rect.width * dpr);
      el.height = Math.round(rect.height * dpr);
      el.style.width = `${rect.width}px`;
      el.style.height = `${rect.height}px`;
      if (first) fit();
      else requestDraw();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(box);
    draw();
    setReady(true);
    performance.mark("seatmap-interactive");
    return () => observer.disconnect();
  }, [draw, fit, requestDraw]);

  useEffect(() => requestDraw(), [version, mine, focus, requestDraw]);

  const zoomAt = useCallback(
    (factor: number, px: number, py: number) => {
      const v = view.current;
      const scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
      const k = scale / v.scale;
      view.current = { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
      requestDraw();
    },
    [requestDraw],
  );

  /**
   * Fills the screen with one section, zoomed in at least far enough that its rows are labelled
   * (centred on the section when it is then larger than the screen).
   */
  const zoomToSection = useCallback(
    (s: number) => {
      const section = model.sections[s];
      const { width, height } = size.current;
      if (!section || !width || !height) return;
      const fitting = Math.min(width / (section.width + 40), height / (section.height + 40));
      const scale = clamp(Math.max(fitting, SECTION_ZOOM_SEAT_PX / SEAT), MIN_SCALE, MAX_SCALE);
      const cx = section.x + section.width / 2;
      const cy = section.y + section.height / 2;
      view.current = { scale, x: width / 2 - cx * scale, y: height / 2 - cy * scale };
      requestDraw();
    },
    [model, requestDraw],
  );

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  const pointer = useMapPointer({
    canvas,
    model,
    scale: () => view.current.scale,
    zoomAt,
    panBy: (dx, dy) => {
      view.current = { ...view.current, x: view.current.x + dx, y: view.current.y + dy };
      requestDraw();
    },
    toMap: (px, py) => {
      const v = view.current;
      return { x: (px - v.x) / v.scale, y: (py - v.y) / v.scale };
    },
    onHover: setHover,
    onTap: (ref) => {
      setFocus(ref);
      onActivate(ref);
    },
    sectionsOnly: () => showsSectionsOnly(view.current.scale),
    onSection: zoomToSection,
  });

  const keepInView = (ref: SeatRef) => {
    const section = model.sections[ref.section];
    const cx = section?.xs[ref.index];
    const cy = section?.ys[ref.index];
    if (cx === undefined || cy === undefined) return;
    const v = view.current;
    const { width, height } = size.current;
    const sx = cx * v.scale + v.x;
    const sy = cy * v.scale + v.y;
    const margin = 40;
    if (sx < margin || sx > width - margin || sy < margin || sy > height - margin) {
      view.current = { ...v, x: width / 2 - cx * v.scale, y: height / 2 - cy * v.scale };
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const key = event.key;
    if (key === "ArrowLeft" || key === "ArrowRight" || key === "ArrowUp" || key === "ArrowDown") {
      event.preventDefault();
      const next = focus ? neighbour(model, focus, key) : firstAvailable(model);
      if (next) {
        // A seat too small to see is shown first: the map zooms to its section.
        if (showsSectionsOnly(view.current.scale)) zoomToSection(next.section);
        keepInView(next);
        setFocus(next);
      }
    } else if (key === "Enter" || key === " ") {
      event.preventDefault();
      if (focus) onActivate(focus);
    } else if (key === "+" || key === "=") {
      event.preventDefault();
      zoomAt(1.4, size.current.width / 2, size.current.height / 2);
    } else if (key === "-") {
      event.preventDefault();
      zoomAt(1 / 1.4, size.current.width / 2, size.current.height / 2);
    } else if (key === "0") {
      event.preventDefault();
      fit();
    }
  };

  const focusInfo = focus ? seatInfo(model, focus) : null;
  const hoverInfo = hover ? seatInfo(model, hover.ref) : null;
  const announce = focusInfo && focus ? describe(focusInfo, mine.has(seatKey(focus))) : "";

  return (
    <div className="seatmap">
      <div className="seatmap-toolbar" role="toolbar" aria-label="Map view">
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => zoomAt(1.4, size.current.width / 2, size.current.height / 2)}
        >
          Zoom in
        </button>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => zoomAt(1 / 1.4, size.current.width / 2, size.current.height / 2)}
        >
          Zoom out
        </button>
        <button type="button" className="button button-small button-quiet" onClick={fit}>
          Fit
        </button>
        {model.sections.length > 1 ? (
          <label className="seatmap-goto">
            <span>Go to section</span>
            <select
              value=""
              data-testid="go-to-section"
              onChange={(event) => {
                if (event.target.value !== "") zoomToSection(Number(event.target.value));
              }}
            >
              <option value="">Choose…</option>
              {model.sections.map((section, s) => (
                <option key={section.name} value={s}>
                  {section.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div
        ref={frame}
        className={preview ? "seatmap-frame" : "seatmap-frame seatmap-frame-shaped"}
        // The page's map takes the venue's shape (within the frame's height limits), so a round
        // bowl on a phone is not a square in a tall box; the organizer's preview keeps one box
        // while its shape is being edited.
        style={preview ? undefined : { aspectRatio: `${model.width + 20} / ${model.height + 20}` }}
      >
        <canvas
          ref={canvas}
          id={preview ? undefined : "seat-map"}
          // The page's skip link leads here (components/skip-link.tsx).
          data-skip-to={preview ? undefined : "Skip to the seat map"}
          tabIndex={0}
          role="application"
          aria-roledescription="seat map"
          aria-label={`${label}. Arrow keys move between seats, Enter or Space holds or releases the focused seat, plus and minus zoom, 0 fits the map.`}
          aria-describedby="seatmap-focused"
          data-ready={ready ? "true" : undefined}
          data-testid={preview ? "seat-map-preview" : "seat-map"}
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (!focus) setFocus(firstAvailable(model));
          }}
          onPointerDown={pointer.onPointerDown}
          onPointerMove={pointer.onPointerMove}
          onPointerUp={pointer.onPointerUp}
          onPointerCancel={pointer.onPointerCancel}
          onPointerLeave={pointer.onPointerLeave}
        />
        <canvas
          ref={minimap}
          className="seatmap-minimap"
          hidden
          aria-hidden="true"
          data-testid="seat-map-minimap"
          width={minimapFrame(model).width}
          height={minimapFrame(model).height}
          onPointerDown={(event) => {
            // Centres the map on the point of the venue pressed.
            const frameOf = minimapFrame(model);
            const rect = event.currentTarget.getBoundingClientRect();
            const mx = (event.clientX - rect.left) / frameOf.scale;
            const my = (event.clientY - rect.top) / frameOf.scale;
            const v = view.current;
            view.current = {
              ...v,
              x: size.current.width / 2 - mx * v.scale,
              y: size.current.height / 2 - my * v.scale,
            };
            requestDraw();
          }}
        />
        {hover && hoverInfo ? (
          <div
            className="seatmap-tooltip"
            style={{ left: hover.x + 14, top: hover.y + 14 }}
            aria-hidden="true"
          >
            {describe(hoverInfo, mine.has(seatKey(hover.ref)))}
          </div>
        ) : null}
      </div>
      <p
        id="seatmap-focused"
        className="seatmap-focused"
        aria-live="polite"
        data-testid="focused-seat"
      >
        {announce || "Tab to the map and use the arrow keys, or point at a seat."}
      </p>
    </div>
  );
}
