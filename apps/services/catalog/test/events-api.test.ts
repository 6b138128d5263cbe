import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventPage } from "../src/app/list-events";
import type { EventDetails } from "../src/app/get-event";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;
const tag = `zq${randomUUID().slice(0, 8)}`;
const day = 86_400_000;
const now = Date.now();
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  ids.first = (await h.createEvent({ name: `Opera ${tag}`, startsAt: new Date(now + 2 * day) })).id;
  ids.second = (
    await h.createEvent({
      name: "Quiet evening",
      description: `A night of ${tag} songs`,
      startsAt: new Date(now + 4 * day),
    })
  ).id;
  ids.third = (
    await h.createEvent({ name: `Ballet ${tag}`, startsAt: new Date(now + 6 * day) })
  ).id;
  ids.draft = (await h.createEvent({ name: `Draft ${tag}`, publish: false })).id;
  ids.noLayout = (await h.createEvent({ name: `Bare ${tag}`, layout: false })).id;
});
afterAll(async () => {
  await h.stop();
});

const list = async (input: Record<string, unknown>) => {
  const result = await callTrpc<EventPage>(h.baseUrl, "listEvents", { query: tag, ...input });
  if (!result.ok) throw new Error(result.message);
  return result.data;
};

describe("listEvents", () => {
  it("finds published events by name or description, soonest first, and hides drafts", async () => {
    const page = await list({});
    expect(page.items.map((e) => e.id)).toEqual([ids.first, ids.second, ids.third]);
    expect(page.items[0]).toMatchObject({
      status: "published",
      venue: { name: "Test Hall", city: "Testville" },
      seating: { seatCount: 22, currency: "EUR", minPriceCents: 3_000, maxPriceCents: 6_000 },
    });
  });

  it("matches text case-insensitively, including the venue's name", async () => {
    expect((await list({ query: tag.toUpperCase() })).items).toHaveLength(3);
    const byVenue = await list({ query: "test hall", limit: 50 });
    expect(byVenue.items.length).toBeGreaterThan(0);
    expect(byVenue.items.every((e) => e.venue.name === "Test Hall")).toBe(true);
  });

  it("filters by start time", async () => {
    const page = await list({
      from: new Date(now + 3 * day).toISOString(),
      to: new Date(now + 5 * day).toISOString(),
    });
    expect(page.items.map((e) => e.id)).toEqual([ids.second]);
  });

  it("pages with a cursor until the last page", async () => {
    const first = await list({ limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual([ids.first, ids.second]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.id)).toEqual([ids.third]);
    expect(second.nextCursor).toBeNull();
  });

  it("names the field of bad input", async () => {
    const badCursor = await callTrpc(h.baseUrl, "listEvents", { cursor: "nonsense" });
    expect(badCursor).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!badCursor.ok && badCursor.message).toMatch(/^cursor:/);
    const badRange = await callTrpc(h.baseUrl, "listEvents", {
      from: new Date(now + 5 * day).toISOString(),
      to: new Date(now).toISOString(),
    });
    expect(!badRange.ok && badRange.message).toMatch(/to: must not be before from/);
    const badLimit = await callTrpc(h.baseUrl, "listEvents", { limit: 500 });
    expect(!badLimit.ok && badLimit.message).toMatch(/limit:/);
  });
});

describe("organizerEvents", () => {
  const organizerList = async (input: Record<string, unknown>, token = h.adminToken) =>
    callTrpc<EventPage>(h.baseUrl, "organizerEvents", { query: tag, ...input }, { token });

  it("lists drafts and published events to organizers, soonest first, and filters by status", async () => {
    const all = await organizerList({ limit: 50 });
    expect(all.ok && all.data.items.map((e) => e.id).sort()).toEqual(
      [ids.first, ids.second, ids.third, ids.draft, ids.noLayout].sort(),
    );
    const drafts = await organizerList({ status: "draft" });
    expect(drafts.ok && drafts.data.items.map((e) => e.id).sort()).toEqual(
      [ids.draft, ids.noLayout].sort(),
    );
    const firstPage = await organizerList({ status: "published", limit: 2 });
    expect(firstPage.ok && firstPage.data.items.map((e) => e.id)).toEqual([ids.first, ids.second]);
    const cursor = firstPage.ok ? firstPage.data.nextCursor : null;
    const secondPage = await organizerList({ status: "published", limit: 2, cursor });
    expect(secondPage.ok && secondPage.data.items.map((e) => e.id)).toEqual([ids.third]);
  });

  it("refuses customers and names bad input", async () => {
    const customer = (await h.issuer.tokenFor({ role: "customer" })).token;
    expect(await organizerList({}, customer)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const badStatus = await organizerList({ status: "sold-out" });
    expect(!badStatus.ok && badStatus.message).toMatch(/status: Invalid option/);
    const badCursor = await organizerList({ cursor: "nonsense" });
    expect(!badCursor.ok && badCursor.message).toMatch(
      /^cursor: not a cursor from organizerEvents/,
    );
  });
});

describe("event", () => {
  it("returns a published event's details with seat counts", async () => {
    const result = await callTrpc<EventDetails>(h.baseUrl, "event", { eventId: ids.first });
    expect(result.ok && result.data).toMatchObject({
      id: ids.first,
      name: `Opera ${tag}`,
      status: "published",
      holdTtlSeconds: 900,
      timeZone: "Europe/Berlin",
      availability: { available: 22, held: 0, sold: 0 },
    });
  });

  it("hides drafts from customers but not from organizers", async () => {
    for (const procedure of ["event", "seatMap"]) {
      const hidden = await callTrpc(h.baseUrl, procedure, { eventId: ids.draft });
      expect(hidden).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    const asAdmin = await callTrpc<EventDetails>(
      h.baseUrl,
      "adminEvent",
      { eventId: ids.draft },
      { token: h.adminToken },
    );
    expect(asAdmin.ok && asAdmin.data.status).toBe("draft");
  });
});
