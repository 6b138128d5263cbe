import type { MarqueeEvent } from "@marquee/events/registry";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedLayout } from "../src/app/generate-layout";
import type { EventView } from "../src/app/event-view";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;
let customerToken: string;

beforeAll(async () => {
  h = await startHarness({ watchCatalogEvents: true });
  customerToken = (await h.issuer.tokenFor({ role: "customer" })).token;
});
afterAll(async () => {
  await h.stop();
});

const admin = <T>(procedure: string, input: unknown) =>
  callTrpc<T>(h.baseUrl, procedure, input, { token: h.adminToken });

type SeatsGeneratedData = {
  eventId: string;
  layoutId: string;
  part: number;
  parts: number;
  currency: string;
  seats: Array<{
    seatId: string;
    section: string;
    row: string;
    number: number;
    tier: string;
    priceCents: number;
  }>;
};

const eventsFor = (eventId: string, type: string): MarqueeEvent[] =>
  h.catalogEvents.filter(
    (e) => e.type === type && (e.data as { eventId?: string }).eventId === eventId,
  );

describe("organizer API", () => {
  it("refuses customers and anonymous callers on every organizer procedure", async () => {
    const eventId = "00000000-0000-4000-8000-000000000000";
    const calls: Array<[string, unknown]> = [
      ["createVenue", { name: "X", city: "Y", timeZone: "Europe/Paris" }],
      ["createEvent", { name: "X", startsAt: new Date().toISOString(), venueId: eventId }],
      ["updateEvent", { eventId, name: "X" }],
      ["generateLayout", { eventId, currency: "EUR", tiers: [], sections: [] }],
      ["publish", { eventId }],
      ["cancel", { eventId }],
    ];
    for (const [procedure, input] of calls) {
      expect(await callTrpc(h.baseUrl, procedure, input, { token: customerToken })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(await callTrpc(h.baseUrl, procedure, input)).toMatchObject({
        ok: false,
        code: "UNAUTHORIZED",
      });
    }
  });

  it("generates a layout and announces its seats in seats-generated chunks", async () => {
    const draft = await h.createEvent({ layout: false });
    const result = await admin<GeneratedLayout>("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers: [
        { name: "Stalls", priceCents: 7_500 },
        { name: "Circle", priceCents: 4_000 },
      ],
      sections: [
        { name: "Stalls", rows: 30, seatsPerRow: 50, tier: "Stalls" },
        { name: "Circle", rows: 20, seatsPerRow: 50, tier: "Circle" },
      ],
    });
    expect(result.ok && result.data).toMatchObject({ seatCount: 2_500, parts: 3 });

    const chunks = await waitFor(
      "three seats-generated chunks",
      () => {
        const found = eventsFor(draft.id, "catalog.seats-generated");
        return found.length >= 3 ? found.map((e) => e.data as SeatsGeneratedData) : undefined;
      },
      { timeoutMs: 30_000 },
    );
    void 0;
    expect(chunks.map((c) => c.part).sort()).toEqual([1, 2, 3]);
    expect(chunks.every((c) => c.parts === 3 && c.currency === "EUR")).toBe(true);
    const seats = chunks.flatMap((c) => c.seats);
    expect(new Set(seats.map((s) => s.seatId)).size).toBe(2_500);
    expect(seats.filter((s) => s.tier === "Circle").every((s) => s.priceCents === 4_000)).toBe(
      true,
    );
    const stored = await h.catalog.db.seat.findMany({
      where: { eventId: draft.id },
      select: { id: true },
    });
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(seats.map((s) => s.seatId)));

    // Published only now: announced once, with the event's details.
    const published = await admin<EventView>("publish", { eventId: draft.id });
    expect(published.ok && published.data.status).toBe("published");
    const announced = await waitFor("event-published", () => {
      const found = eventsFor(draft.id, "catalog.event-published");
      return found.length > 0 ? found : undefined;
    });
    expect(announced[0]?.data).toMatchObject({ eventId: draft.id, holdTtlSeconds: 900 });
  });

  it("refuses to publish a draft without a layout, naming what is missing", async () => {
    const draft = await h.createEvent({ layout: false });
    const result = await admin("publish", { eventId: draft.id });
    expect(result).toMatchObject({ ok: false, code: "PRECONDITION_FAILED" });
    expect(!result.ok && result.message).toMatch(/^layout: .*generate one before publishing/);
    const stored = await h.catalog.db.event.findUnique({ where: { id: draft.id } });
    expect(stored?.status).toBe("draft");
  });

  it("refuses a second layout for the same event and leaves the first intact", async () => {
    const event = await h.createEvent({ publish: false });
    const again = await admin("generateLayout", {
      eventId: event.id,
      currency: "EUR",
      tiers: [{ name: "A", priceCents: 100 }],
      sections: [{ name: "A", rows: 1, seatsPerRow: 1, tier: "A" }],
    });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await h.catalog.db.seat.count({ where: { eventId: event.id } })).toBe(22);
  });

  it("names the field of bad layout input and writes nothing", async () => {
    const draft = await h.createEvent({ layout: false });
    const result = await admin("generateLayout", {
      eventId: draft.id,
      currency: "euro",
      tiers: [{ name: "Main", priceCents: -5 }],
      sections: [
        { name: "Floor", rows: 0, seatsPerRow: 10, tier: "Main" },
        { name: "Balcony", rows: 2, seatsPerRow: 10, tier: "VIP" },
      ],
    });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const message = result.ok ? "" : result.message;
    expect(message).toContain("currency:");
    expect(message).toContain("tiers[0].priceCents:");
    expect(message).toContain("sections[0].rows:");
    expect(await h.catalog.db.seat.count({ where: { eventId: draft.id } })).toBe(0);

    const unknownTier = await admin("generateLayout", {
      eventId: draft.id,
      currency: "EUR",
      tiers: [{ name: "Main", priceCents: 1_000 }],
      sections: [{ name: "Balcony", rows: 2, seatsPerRow: 10, tier: "VIP" }],
    });
    expect(!unknownTier.ok && unknownTier.message).toMatch(
      /sections\[0\]\.tier: unknown tier "VIP"/,
    );

    const badEvent = await admin("createEvent", {
      name: "",
      startsAt: "tomorrow",
      venueId: "nope",
      timeZone: "Mars/Olympus",
    });
    const text = badEvent.ok ? "" : badEvent.message;
    for (const field of ["name:", "startsAt:", "venueId:", "timeZone:"])
      expect(text).toContain(field);
  });

  it("updates and cancels a published event, announcing each change", async () => {
    const event = await h.createEvent();
    const updated = await admin<EventView>("updateEvent", {
      eventId: event.id,
      name: "Renamed show",
    });
    expect(updated.ok && updated.data.name).toBe("Renamed show");
    const cancelled = await admin<EventView>("cancel", { eventId: event.id });
    expect(cancelled.ok && cancelled.data.status).toBe("cancelled");
    const changes = await waitFor("two event-updated", () => {
      const found = eventsFor(event.id, "catalog.event-updated");
      return found.length >= 2 ? found : undefined;
    });
    expect(changes.map((e) => (e.data as { status: string; name: string }).status)).toEqual([
      "published",
      "cancelled",
    ]);
    expect(await admin("updateEvent", { eventId: event.id, name: "Again" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});
