import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLayoutShape } from "../src/adapters/db/catalog-store";
import type { SeatMap } from "../src/domain/seat-map";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const admin = <T>(procedure: string, input: unknown) =>
  callTrpc<T>(h.baseUrl, procedure, input, { token: h.adminToken });

const tiers = [{ name: "Main", priceCents: 2_000 }];
const stage = { label: "Stage", shape: "ellipse", x: 0, y: -6, width: 20, height: 6 };
const placedSections = [
  {
    name: "Stalls",
    rows: 3,
    seatsPerRow: 6,
    tier: "Main",
    placement: { x: 0, y: 0, rotation: 0, radius: 30 },
  },
  {
    name: "Side",
    rows: 2,
    seatsPerRow: 4,
    tier: "Main",
    placement: { x: -14, y: 4, rotation: 35 },
  },
];

describe("venue-shaped layouts", () => {
  it("stores each section's place and the stage, and the seat map carries them as given", async () => {
    const draft = await h.createEvent({ layout: false });
    const generated = await admin("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers,
      stage,
      sections: placedSections,
    });
    expect(generated.ok).toBe(true);
    await admin("publish", { eventId: draft.id });

    const map = await callTrpc<SeatMap>(h.baseUrl, "seatMap", { eventId: draft.id });
    if (!map.ok) throw new Error(map.message);
    expect(map.data.stage).toEqual(stage);
    expect(map.data.sections.map((section) => section.placement)).toEqual([
      { x: 0, y: 0, rotation: 0, radius: 30 },
      { x: -14, y: 4, rotation: 35 },
    ]);
    // Seats are still the compact rows: the client computes positions from the placement.
    expect(map.data.sections[0]?.rows).toEqual([
      { label: "A", first: 1, count: 6, tier: 0 },
      { label: "B", first: 1, count: 6, tier: 0 },
      { label: "C", first: 1, count: 6, tier: 0 },
    ]);
    expect(JSON.stringify(map.data)).not.toMatch(/"xs"|"ys"/);
  });

  it("stores a bowl's widening rows seat by seat, and the seat map counts each row's seats", async () => {
    const draft = await h.createEvent({ layout: false });
    const generated = await admin<{ seatCount: number }>("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers,
      sections: [
        {
          name: "Bowl",
          rows: 3,
          seatsPerRow: 10,
          widenRows: true,
          tier: "Main",
          placement: { x: 0, y: 0, rotation: 0, radius: 10 },
        },
      ],
    });
    if (!generated.ok) throw new Error(generated.message);
    // Rows of 10, 11 and 12 seats on circles of 10, 11 and 12.
    expect(generated.data.seatCount).toBe(33);
    await admin("publish", { eventId: draft.id });
    const map = await callTrpc<SeatMap>(h.baseUrl, "seatMap", { eventId: draft.id });
    if (!map.ok) throw new Error(map.message);
    expect(map.data.seatCount).toBe(33);
    expect(map.data.sections[0]?.rows.map((row) => row.count)).toEqual([10, 11, 12]);
    expect(map.data.sections[0]?.availability).toHaveLength(33);
  });

  it("refuses rows asked to widen on a straight section, naming the field, and writes nothing", async () => {
    const draft = await h.createEvent({ layout: false });
    const result = await admin("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers,
      sections: [
        {
          name: "Block",
          rows: 3,
          seatsPerRow: 10,
          widenRows: true,
          tier: "Main",
          placement: { x: 0, y: 0, rotation: 0 },
        },
      ],
    });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(result.ok ? "" : result.message).toContain(
      "sections[0].widenRows: only curved rows widen; give the section a radius, or keep its rows the same length",
    );
    expect(await h.catalog.db.seat.count({ where: { eventId: draft.id } })).toBe(0);
  });

  it("leaves a layout without a shape as before: no stage and no placements in the map", async () => {
    const event = await h.createEvent();
    const map = await callTrpc<SeatMap>(h.baseUrl, "seatMap", { eventId: event.id });
    if (!map.ok) throw new Error(map.message);
    expect(map.data).not.toHaveProperty("stage");
    expect(map.data.sections.every((section) => !("placement" in section))).toBe(true);
  });

  it("names every bad placement and stage field and writes nothing", async () => {
    const draft = await h.createEvent({ layout: false });
    const result = await admin("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers,
      stage: { label: " ", shape: "star", x: 0, y: 20_000, width: 0, height: 5 },
      sections: [
        {
          name: "A",
          rows: 2,
          seatsPerRow: 30,
          tier: "Main",
          placement: { x: "left", y: 0, rotation: 400, radius: 3 },
        },
        {
          name: "B",
          rows: 2,
          seatsPerRow: 30,
          tier: "Main",
          placement: { x: 0, y: 0, rotation: 0, radius: 3 },
        },
        { name: "C", rows: 2, seatsPerRow: 4, tier: "Main" },
      ],
    });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const message = result.ok ? "" : result.message;
    for (const field of [
      "stage.label:",
      "stage.shape:",
      "stage.y: at most 10000",
      "stage.width: at least 1 unit",
      "sections[0].placement.x: a number of venue units",
      "sections[0].placement.rotation: between -360 and 360 degrees",
    ])
      expect(message).toContain(field);
    expect(await h.catalog.db.seat.count({ where: { eventId: draft.id } })).toBe(0);

    // The same sections with valid fields: what only the layout as a whole can tell.
    const whole = await admin("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers,
      sections: [
        {
          name: "B",
          rows: 2,
          seatsPerRow: 30,
          tier: "Main",
          placement: { x: 0, y: 0, rotation: 0, radius: 3 },
        },
        { name: "C", rows: 2, seatsPerRow: 4, tier: "Main" },
      ],
    });
    const wholeMessage = whole.ok ? "" : whole.message;
    expect(wholeMessage).toContain(
      "sections[0].placement.radius: a row of 30 seats wraps around a circle of radius 3; use a radius of at least 5",
    );
    expect(wholeMessage).toContain(
      "sections[1].placement: missing; place every section or none (1 of 2 are placed)",
    );
    expect(await h.catalog.db.seat.count({ where: { eventId: draft.id } })).toBe(0);
  });

  it("places a layout generated without a shape once (the demo seed's older layouts), seats untouched", async () => {
    const event = await h.createEvent();
    const before = await h.catalog.db.seat.findMany({
      where: { eventId: event.id },
      orderBy: { id: "asc" },
    });
    const shape = {
      stage: { label: "Stage", shape: "rectangle" as const, x: 0, y: -5, width: 10, height: 4 },
      placements: [
        { x: 0, y: 0, rotation: 0 },
        { x: 0, y: 4, rotation: 0, radius: 20 },
      ],
    };
    expect(await addLayoutShape(h.catalog.db, event.id, shape)).toBe(true);
    const map = await callTrpc<SeatMap>(h.baseUrl, "seatMap", { eventId: event.id });
    if (!map.ok) throw new Error(map.message);
    expect(map.data.sections.map((section) => section.placement)).toEqual(shape.placements);
    expect(map.data.stage).toEqual(shape.stage);

    // A layout that has its shape keeps it.
    const other = { ...shape, stage: { ...shape.stage, label: "Other" } };
    expect(await addLayoutShape(h.catalog.db, event.id, other)).toBe(false);
    const layout = await h.catalog.db.seatLayout.findUnique({ where: { eventId: event.id } });
    expect(layout?.stage).toEqual(shape.stage);
    const after = await h.catalog.db.seat.findMany({
      where: { eventId: event.id },
      orderBy: { id: "asc" },
    });
    expect(after.map((seat) => seat.id)).toEqual(before.map((seat) => seat.id));
  });
});
