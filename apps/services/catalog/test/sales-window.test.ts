import type { MarqueeEvent } from "@marquee/events/registry";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventView } from "../src/app/event-view";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;
let venueId: string;

beforeAll(async () => {
  h = await startHarness({ watchCatalogEvents: true });
  const venue = await admin<{ id: string }>("createVenue", {
    name: "Sales Hall",
    city: "Testville",
    timeZone: "Europe/Berlin",
  });
  if (!venue.ok) throw new Error(venue.message);
  venueId = venue.data.id;
});
afterAll(async () => {
  await h.stop();
});

const admin = <T>(procedure: string, input: unknown) =>
  callTrpc<T>(h.baseUrl, procedure, input, { token: h.adminToken });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

const eventsFor = (eventId: string, type: string): MarqueeEvent[] =>
  h.catalogEvents.filter(
    (e) => e.type === type && (e.data as { eventId?: string }).eventId === eventId,
  );

describe("sales window and waiting room", () => {
  it("stores an opening time (any offset, answered in UTC), a close and a waiting room", async () => {
    const startsAt = new Date("2030-02-01T19:00:00Z");
    const created = await admin<EventView>("createEvent", {
      name: "Window show",
      startsAt: startsAt.toISOString(),
      venueId,
      salesOpenAt: "2030-01-01T10:00:00+01:00",
      salesCloseAt: startsAt.toISOString(),
      waitingRoom: { admitPerMinute: 120, windowSeconds: 600 },
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.data).toMatchObject({
      salesOpenAt: "2030-01-01T09:00:00.000Z",
      salesCloseAt: startsAt.toISOString(),
      waitingRoom: { admitPerMinute: 120, windowSeconds: 600 },
    });
  });

  it("defaults to on sale once published, until the start, without a waiting room", async () => {
    const event = await h.createEvent({ publish: false });
    expect(event).toMatchObject({ salesOpenAt: null, salesCloseAt: null, waitingRoom: null });
  });

  it("names the field of a window that does not fit the event", async () => {
    const startsAt = inDays(10);
    const opensAfterStart = await admin("createEvent", {
      name: "Late",
      startsAt: startsAt.toISOString(),
      venueId,
      salesOpenAt: inDays(11).toISOString(),
    });
    expect(opensAfterStart).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!opensAfterStart.ok && opensAfterStart.message).toMatch(
      /^salesOpenAt: sales must open before the event starts/,
    );
    const closesBeforeOpen = await admin("createEvent", {
      name: "Backwards",
      startsAt: startsAt.toISOString(),
      venueId,
      salesOpenAt: inDays(5).toISOString(),
      salesCloseAt: inDays(4).toISOString(),
    });
    expect(!closesBeforeOpen.ok && closesBeforeOpen.message).toMatch(
      /^salesCloseAt: sales must close after they open/,
    );
    const badRoom = await admin("createEvent", {
      name: "Fast",
      startsAt: startsAt.toISOString(),
      venueId,
      waitingRoom: { admitPerMinute: 0, windowSeconds: 30 },
    });
    expect(badRoom).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!badRoom.ok && badRoom.message).toMatch(/waitingRoom\.admitPerMinute/);
    expect(!badRoom.ok && badRoom.message).toMatch(/waitingRoom\.windowSeconds/);
  });

  it("checks an update against the event as stored: a new start before the opening is refused", async () => {
    const event = await h.createEvent({ startsAt: inDays(30), publish: false });
    const set = await admin<EventView>("updateEvent", {
      eventId: event.id,
      salesOpenAt: inDays(20).toISOString(),
    });
    expect(set.ok).toBe(true);
    const earlier = await admin("updateEvent", {
      eventId: event.id,
      startsAt: inDays(15).toISOString(),
    });
    expect(earlier).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!earlier.ok && earlier.message).toMatch(/^salesOpenAt:/);
    const unchanged = await callTrpc<EventView>(
      h.baseUrl,
      "adminEvent",
      { eventId: event.id },
      {
        token: h.adminToken,
      },
    );
    expect(unchanged.ok && unchanged.data.startsAt).toBe(event.startsAt);
  });

  it("announces the window and the waiting room on event-published and event-updated", async () => {
    const event = await h.createEvent({ startsAt: inDays(30), publish: false });
    const opensAt = inDays(3);
    await admin("updateEvent", {
      eventId: event.id,
      salesOpenAt: opensAt.toISOString(),
      waitingRoom: { admitPerMinute: 50, windowSeconds: 300 },
    });
    const published = await admin<EventView>("publish", { eventId: event.id });
    expect(published.ok && published.data.waitingRoom).toEqual({
      admitPerMinute: 50,
      windowSeconds: 300,
    });
    await admin("updateEvent", { eventId: event.id, salesOpenAt: null, waitingRoom: null });
    const [publishedEvent] = await waitFor("event-published", () => {
      const found = eventsFor(event.id, "catalog.event-published");
      return found.length > 0 ? found : undefined;
    });
    expect(publishedEvent?.data).toMatchObject({
      salesOpenAt: opensAt.toISOString(),
      salesCloseAt: null,
      waitingRoom: { admitPerMinute: 50, windowSeconds: 300 },
    });
    const [updated] = await waitFor("event-updated", () => {
      const found = eventsFor(event.id, "catalog.event-updated");
      return found.length > 0 ? found : undefined;
    });
    expect(updated?.data).toMatchObject({ salesOpenAt: null, waitingRoom: null });
    const listed = await callTrpc<{ items: EventView[] }>(
      h.baseUrl,
      "organizerEvents",
      {
        query: event.name,
      },
      { token: h.adminToken },
    );
    expect(listed.ok && listed.data.items[0]).toMatchObject({
      salesOpenAt: null,
      waitingRoom: null,
    });
  });
});
