import { openLiveSeatMap } from "../../../../../lib/live-seat-map-stream";
import { liveSeatMapDeps } from "../../../../../server/live-seat-map";

export const dynamic = "force-dynamic";

/** The seat map's live feed (Server-Sent Events); see `openLiveSeatMap` for what it refuses. */
export async function GET(req: Request, ctx: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await ctx.params;
  return openLiveSeatMap(liveSeatMapDeps, req, eventId);
}
