import { rowSeatCounts } from "@marquee/catalog/layout";
import { widenedRowCounts } from "@marquee/ui/venue-geometry";
import { describe, expect, it } from "vitest";

// The organizer's preview and seat total count a widening section's rows before catalog plans its
// seats: both must come to the same rows, or the preview would promise seats catalog does not make.
describe("widening rows", () => {
  it("are counted by the organizer's preview exactly as catalog plans them", () => {
    for (const radius of [1, 2.5, 9, 40, 68, 91, 333])
      for (const seatsPerRow of [1, 7, 51, 68, 500])
        for (const rows of [1, 19, 200]) {
          const placement = { x: 0, y: 0, rotation: 0, radius };
          expect(widenedRowCounts(rows, seatsPerRow, radius)).toEqual(
            rowSeatCounts({ rows, seatsPerRow, widenRows: true, placement }),
          );
        }
  });
});
