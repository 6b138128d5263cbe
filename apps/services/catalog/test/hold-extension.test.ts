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
    name: "Extension Hall",
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

const create = (holdExtensionMinutes: unknown) =>
  admin<EventView>("createEvent", {
    name: "Extension show",
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    venueId,
    holdExtensionMinutes,
  });

describe("hold extension", () => {
  it("stores the minutes a hold may be extended by, 0 by default", async () => {
    const created = await create(5);
    expect(created.ok && created.data.holdExtensionMinutes).toBe(5);
    const plain = await h.createEvent({ publish: false });
    expect(plain.holdExtensionMinutes).toBe(0);
  });

  it("refuses minutes beyond 15, below 0 or in fractions, naming holdExtensionMinutes", async () => {
    for (const [value, says] of [
      [16, /holdExtensionMinutes: at most 15 minutes/],
      [-1, /holdExtensionMinutes: 0 \(no extension\) or more/],
      [2.5, /holdExtensionMinutes: whole minutes/],
    ] as const) {
      const refused = await create(value);
      expect(refused).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(!refused.ok && refused.message).toMatch(says);
    }
  });

  it("announces the minutes on event-published and event-updated", async () => {
    const event = await h.createEvent({ publish: false });
    const set = await admin<EventView>("updateEvent", {
      eventId: event.id,
      holdExtensionMinutes: 10,
    });
    expect(set.ok && set.data.holdExtensionMinutes).toBe(10);
    await admin("publish", { eventId: event.id });
    await admin("updateEvent", { eventId: event.id, holdExtensionMinutes: 0 });
    const ofType = (type: string): MarqueeEvent[] =>
      h.catalogEvents.filter(
        (e) => e.type === type && (e.data as { eventId?: string }).eventId === event.id,
      );
    const [published] = await waitFor("event-published", () => {
      const found = ofType("catalog.event-published");
      return found.length > 0 ? found : undefined;
    });
    expect(published?.data).toMatchObject({ holdExtensionMinutes: 10 });
    const [updated] = await waitFor("event-updated", () => {
      const found = ofType("catalog.event-updated");
      return found.length > 0 ? found : undefined;
    });
    expect(updated?.data).toMatchObject({ holdExtensionMinutes: 0 });
  });
});
