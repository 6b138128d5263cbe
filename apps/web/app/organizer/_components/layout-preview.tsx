"use client";

import { useMemo } from "react";
import { buildModel, type SeatMapData } from "@marquee/ui/seat-map-model";
import { widenedRowCounts } from "@marquee/ui/venue-geometry";
import { SeatMapCanvas } from "../../../components/seat-map/seat-map-canvas";
import { formatMoney } from "../../../lib/format";
import type { LayoutForm } from "../../../lib/organizer-forms";

/** Spreadsheet-style row labels as catalog gives them: A … Z, AA, AB, … */
const rowLabel = (index: number): string => {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
};

/** What the builder has so far; sections whose rows or seats are not numbers yet are left out. */
export type PreviewLayout = {
  currency: string;
  tiers: LayoutForm["tiers"];
  sections: Array<
    Omit<LayoutForm["sections"][number], "placement"> & {
      placement?: LayoutForm["sections"][number]["placement"] | undefined;
    }
  >;
  stage?: LayoutForm["stage"] | undefined;
};

const MAX_PREVIEW_SEATS = 100_000;

/** Each row's seats as catalog will plan them: the same in every row, or widening when curved. */
export const rowCounts = (section: {
  rows: number;
  seatsPerRow: number;
  widenRows?: boolean | undefined;
  placement?: { radius?: number | undefined } | undefined;
}): number[] =>
  section.widenRows && section.placement?.radius !== undefined && section.placement.radius > 0
    ? widenedRowCounts(section.rows, section.seatsPerRow, section.placement.radius)
    : Array.from({ length: section.rows }, () => section.seatsPerRow);

const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);

/** The layout as catalog would answer it in a seat map, every seat free. */
const previewMap = (layout: PreviewLayout): SeatMapData => {
  const tierIndex = new Map(layout.tiers.map((tier, i) => [tier.name, i]));
  let seats = 0;
  const sections = layout.sections
    .filter((section) => {
      const counted =
        Number.isInteger(section.rows) &&
        Number.isInteger(section.seatsPerRow) &&
        section.rows >= 1 &&
        section.rows <= 200 &&
        section.seatsPerRow >= 1 &&
        section.seatsPerRow <= 500;
      if (!counted) return false;
      const seatsHere = sum(rowCounts(section));
      if (seats + seatsHere > MAX_PREVIEW_SEATS) return false;
      seats += seatsHere;
      return true;
    })
    .map((section, i) => {
      const counts = rowCounts(section);
      const count = sum(counts);
      const front = counts[0] ?? section.seatsPerRow;
      return {
        name: section.name || `Section ${i + 1}`,
        ...(section.placement ? { placement: section.placement } : {}),
        rows: counts.map((seatsInRow, r) => ({
          label: rowLabel(r),
          first: 1,
          count: seatsInRow,
          tier: tierIndex.get(section.tier) ?? 0,
        })),
        accessible: front > 1 ? [0, front - 1] : [0],
        availability: "a".repeat(count),
        counts: { available: count, held: 0, sold: 0 },
      };
    });
  return {
    eventId: "preview",
    currency: layout.currency,
    seatCount: seats,
    tiers: layout.tiers.map((tier) => ({
      name: tier.name,
      priceCents: Number.isFinite(tier.priceCents) ? tier.priceCents : 0,
    })),
    ...(layout.stage ? { stage: layout.stage } : {}),
    sections,
  };
};

const NO_SEATS: ReadonlySet<string> = new Set();

/**
 * The layout drawn by the storefront's own seat map as the organizer types: the same renderer,
 * every seat free, fitted again whenever the shape changes.
 */
export function LayoutPreview({ layout }: { layout: PreviewLayout }) {
  const data = useMemo(() => previewMap(layout), [layout]);
  const model = useMemo(() => (data.sections.length > 0 ? buildModel(data) : null), [data]);
  // A new shape starts from the fitted view.
  const shapeKey = JSON.stringify([
    data.stage,
    data.sections.map((s) => [s.placement, s.rows.length, s.rows[0]?.count]),
  ]);
  if (!model)
    return <p className="field-hint">The preview appears once a section has rows and seats.</p>;
  return (
    <div className="layout-preview" data-testid="layout-preview">
      <h3>Preview</h3>
      <SeatMapCanvas
        key={shapeKey}
        model={model}
        version={0}
        mine={NO_SEATS}
        preview
        label="Preview of the seat layout"
        describe={(info) =>
          `Section ${info.section}, row ${info.row}, seat ${info.number}, ${info.tier} ${formatMoney(info.priceCents, data.currency || "EUR")}`
        }
        onActivate={() => undefined}
      />
    </div>
  );
}
