import { EventUpdated } from "@marquee/events/contracts/catalog";
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
    name: "Policy Hall",
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

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const create = (cancellation: unknown) =>
  admin<EventView>("createEvent", {
    name: "Policy show",
    startsAt: inDays(30),
    venueId,
    cancellation,
  });

describe("cancellation policy", () => {
  it("stores a policy with a percentage fee and defaults to no cancellations", async () => {
    const created = await create({ allowed: true, hoursBefore: 48, feeBasisPoints: 250 });
    expect(created.ok && created.data.cancellation).toEqual({
      allowed: true,
      hoursBefore: 48,
      feeCents: null,
      feeBasisPoints: 250,
    });
    const plain = await h.createEvent({ publish: false });
    expect(plain.cancellation).toEqual({
      allowed: false,
      hoursBefore: 0,
      feeCents: null,
      feeBasisPoints: null,
    });
  });

  it("names the field of a policy that does not hold", async () => {
    const both = await create({
      allowed: true,
      hoursBefore: 48,
      feeCents: 200,
      feeBasisPoints: 100,
    });
    expect(both).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!both.ok && both.message).toMatch(/feeBasisPoints: a fee is either fixed/);
    const negative = await create({ allowed: true, hoursBefore: -1 });
    expect(!negative.ok && negative.message).toMatch(/hoursBefore: 0 or more hours/);
    const overFull = await create({ allowed: true, hoursBefore: 24, feeBasisPoints: 10_001 });
    expect(!overFull.ok && overFull.message).toMatch(/feeBasisPoints: at most 10000/);
    const fraction = await create({ allowed: true, hoursBefore: 1.5 });
    expect(!fraction.ok && fraction.message).toMatch(/hoursBefore: a whole number of hours/);
  });

  it("announces the policy on event-published and event-updated", async () => {
    const event = await h.createEvent({ publish: false });
    const set = await admin<EventView>("updateEvent", {
      eventId: event.id,
      cancellation: { allowed: true, hoursBefore: 48, feeCents: 200 },
    });
    expect(set.ok && set.data.cancellation.feeCents).toBe(200);
    await admin("publish", { eventId: event.id });
    await admin("updateEvent", {
      eventId: event.id,
      cancellation: { allowed: false, hoursBefore: 0 },
    });
    const ofType = (type: string): MarqueeEvent[] =>
      h.catalogEvents.filter(
        (e) => e.type === type && (e.data as { eventId?: string }).eventId === event.id,
      );
    const [published] = await waitFor("event-published", () => {
      const found = ofType("catalog.event-published");
      return found.length > 0 ? found : undefined;
    });
    expect(published?.data).toMatchObject({
      cancellation: { allowed: true, hoursBefore: 48, feeCents: 200, feeBasisPoints: null },
    });
    const [updated] = await waitFor("event-updated", () => {
      const found = ofType("catalog.event-updated");
      return found.length > 0 ? found : undefined;
    });
    expect(updated?.data).toMatchObject({ cancellation: { allowed: false } });
  });

  it("reads an event-updated written before policies as no cancellations", () => {
    const old = EventUpdated.data.parse({
      eventId: "6f1f3c1e-5b7a-4c1e-9a51-1f2d3c4b5a69",
      name: "Old",
      startsAt: "2030-01-01T19:00:00Z",
      timeZone: "Europe/Berlin",
      status: "published",
      holdTtlSeconds: 900,
    });
    expect(old.cancellation).toEqual({
      allowed: false,
      hoursBefore: 0,
      feeCents: null,
      feeBasisPoints: null,
    });
  });
});
