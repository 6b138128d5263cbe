// What the seat map draws besides seats: the stage or pitch, each section's outline coloured by
// availability and price at the fitted view (where seats are specks), and the labels (stage,
// sections, rows), placed so that none overlaps another or runs off the map, each in its whole or
// shorter form (`placeLabels`).
import { placeLabels, type Bounds, type LabelBox } from "@marquee/ui/label-layout";
import {
  SEAT,
  type SectionGeometry,
  type SectionSummary,
  type SeatMapModel,
} from "@marquee/ui/seat-map-model";
import { SOLD_COLOR, tierColor } from "./seat-colors";

/** Seats drawn smaller than this (CSS pixels) are not drawn: each section is one filled outline. */
export const SECTION_VIEW_SEAT_PX = 6;
/** Rows get their labels once a seat is drawn at least this big. */
export const ROW_LABEL_SEAT_PX = 8;
/** Zooming to a section makes a seat at least this big, so its rows are labelled. */
export const SECTION_ZOOM_SEAT_PX = 11;

export const showsSectionsOnly = (scale: number) => SEAT * scale < SECTION_VIEW_SEAT_PX;

const outlines = new WeakMap<SectionGeometry, Path2D>();
/** The section's outline as a path, made once per model. */
export const outlinePath = (section: SectionGeometry): Path2D => {
  let path = outlines.get(section);
  if (path) return path;
  path = new Path2D();
  const points = section.outline;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i] ?? 0;
    const y = points[i + 1] ?? 0;
    if (i === 0) path.moveTo(x, y);
    else path.lineTo(x, y);
  }
  path.closePath();
  outlines.set(section, path);
  return path;
};

/**
 * A section at the fitted view: its cheapest free seats' tier colour, more solid the more seats
 * are free (at least half, so it keeps its contrast), or the sold colour when none is free.
 */
export const fillSection = (
  ctx: CanvasRenderingContext2D,
  section: SectionGeometry,
  summary: SectionSummary | undefined,
  scale: number,
) => {
  const path = outlinePath(section);
  const free = summary && summary.cheapestTier !== null && summary.available > 0;
  const color = free ? tierColor(summary.cheapestTier ?? 0) : SOLD_COLOR;
  ctx.globalAlpha = free ? 0.5 + 0.5 * (summary.available / Math.max(1, summary.total)) : 1;
  ctx.fillStyle = color;
  ctx.fill(path);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 / scale;
  ctx.stroke(path);
};

export const STAGE_FILL = "#2b2d52";
export const STAGE_EDGE = "#8a8cc0";

export const drawStage = (ctx: CanvasRenderingContext2D, model: SeatMapModel, scale: number) => {
  const stage = model.stage;
  if (!stage) return;
  ctx.beginPath();
  if (stage.shape === "ellipse")
    ctx.ellipse(stage.x, stage.y, stage.width / 2, stage.height / 2, 0, 0, Math.PI * 2);
  else ctx.rect(stage.x - stage.width / 2, stage.y - stage.height / 2, stage.width, stage.height);
  ctx.fillStyle = STAGE_FILL;
  ctx.fill();
  ctx.strokeStyle = STAGE_EDGE;
  ctx.lineWidth = 2 / scale;
  ctx.stroke();
};

/**
 * A label to draw in screen pixels: lines of text centred on `x`, `y`, turned by `angle`; `short`
 * is what to draw instead where the whole label does not fit (a section's name without its price).
 */
export type MapLabel = {
  lines: string[];
  short?: string[];
  x: number;
  y: number;
  angle: number;
  size: number;
  bold?: boolean;
  priority: number;
  /** May move inwards to stay on the map (names); a row's label stays beside its row. */
  movable?: boolean;
};

/** Turns an angle so text along it never reads upside down. */
export const upright = (angle: number) => {
  let a = angle % (2 * Math.PI);
  if (a > Math.PI) a -= 2 * Math.PI;
  if (a <= -Math.PI) a += 2 * Math.PI;
  if (a > Math.PI / 2) a -= Math.PI;
  if (a <= -Math.PI / 2) a += Math.PI;
  return a;
};

const fontOf = (label: MapLabel) =>
  `${label.bold ? "600 " : ""}${label.size}px system-ui, sans-serif`;

/** The box of `lines` in `label`'s type. */
const measure = (ctx: CanvasRenderingContext2D, label: MapLabel, lines: string[]) => {
  ctx.font = fontOf(label);
  return {
    width: Math.max(...lines.map((line) => ctx.measureText(line).width)),
    // One line is as tall as its type, so row labels fit one per row a little zoomed in.
    height: lines.length === 1 ? label.size : lines.length * label.size * 1.2,
  };
};

/**
 * Draws the labels that fit inside `area`: each is measured, whole and short, then `placeLabels`
 * names as many as fit and gives each the fullest form that overlaps nothing; light text with a
 * dark edge, readable on any fill. Returns the labels drawn, as drawn.
 */
export const drawLabels = (
  ctx: CanvasRenderingContext2D,
  labels: MapLabel[],
  area: Bounds,
): MapLabel[] => {
  const boxes: LabelBox[] = labels.map((label) => ({
    x: label.x,
    y: label.y,
    ...measure(ctx, label, label.lines),
    angle: label.angle,
    priority: label.priority,
    movable: label.movable ?? false,
    ...(label.short ? { fallbacks: [measure(ctx, label, label.short)] } : {}),
  }));
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  const drawn: MapLabel[] = [];
  for (const { index, form, x, y } of placeLabels(boxes, 2, area)) {
    const whole = labels[index];
    if (!whole) continue;
    const lines = form === 0 || !whole.short ? whole.lines : whole.short;
    const label = { ...whole, lines, x, y };
    drawn.push(label);
    ctx.save();
    ctx.translate(label.x, label.y);
    ctx.rotate(label.angle);
    ctx.font = fontOf(label);
    const lineHeight = label.size * 1.2;
    label.lines.forEach((line, n) => {
      const y = (n - (label.lines.length - 1) / 2) * lineHeight;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#0f1020";
      ctx.strokeText(line, 0, y);
      ctx.fillStyle = "#f4f4f8";
      ctx.fillText(line, 0, y);
    });
    ctx.restore();
  }
  return drawn;
};
