// The minimap: the whole venue small in a corner, with the part on screen outlined, shown while
// the map is zoomed in so a customer knows where in the venue they are.
import type { SectionSummary, SeatMapModel } from "@marquee/ui/seat-map-model";
import { drawStage, fillSection } from "./venue-drawing";

/** The minimap's largest size, CSS pixels. */
const MAX_WIDTH = 150;
const MAX_HEIGHT = 110;

/** The minimap's size and its scale from map units, for a model. */
export const minimapFrame = (model: SeatMapModel) => {
  const scale = Math.min(MAX_WIDTH / model.width, MAX_HEIGHT / model.height);
  return { scale, width: Math.ceil(model.width * scale), height: Math.ceil(model.height * scale) };
};

export type ViewBox = { left: number; top: number; width: number; height: number };

export const drawMinimap = (
  canvas: HTMLCanvasElement,
  model: SeatMapModel,
  summaries: readonly SectionSummary[],
  view: ViewBox,
) => {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  const frame = minimapFrame(model);
  if (canvas.width !== Math.round(frame.width * dpr)) {
    canvas.width = Math.round(frame.width * dpr);
    canvas.height = Math.round(frame.height * dpr);
    canvas.style.width = `${frame.width}px`;
    canvas.style.height = `${frame.height}px`;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr * frame.scale, 0, 0, dpr * frame.scale, 0, 0);
  drawStage(ctx, model, frame.scale);
  model.sections.forEach((section, s) => fillSection(ctx, section, summaries[s], frame.scale));
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 2 / frame.scale;
  ctx.strokeRect(view.left, view.top, view.width, view.height);
};
