import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventView } from "../src/app/event-view";
import { callTrpc, startHarness, type Harness } from "./harness";

// Organizers give an event's times as printed on the poster: wall-clock time in the venue's zone.
// Catalog reads them there (DST included), so no caller converts times itself.

let h: Harness;
let parisVenueId: string;

beforeAll(async () => {
  h = await startHarness();
  const venue = await admin<{ id: string }>("createVenue", {
    name: "Salle Pleyel",
    city: "Paris",
    timeZone: "Europe/Paris",
  });
  if (!venue.ok) throw new Error(venue.message);
  parisVenueId = venue.data.id;
});
afterAll(async () => {
  await h.stop();
});

const admin = <T>(procedure: string, input: unknown) =>
  callTrpc<T>(h.baseUrl, procedure, input, { token: h.adminToken });

const created = async (input: Record<string, unknown>): Promise<EventView> => {
  const result = await admin<EventView>("createEvent", {
    name: "Poster time",
    venueId: parisVenueId,
    ...input,
  });
  if (!result.ok) throw new Error(`${result.code} ${result.message}`);
  return result.data;
};

describe("event times in the venue's zone", () => {
  it("reads a start without an offset in the venue's zone, winter and summer", async () => {
    const winter = await created({ startsAt: "2027-01-15T20:00" });
    expect(winter.startsAt).toBe("2027-01-15T19:00:00.000Z");
    expect(winter.timeZone).toBe("Europe/Paris");
    const summer = await created({ startsAt: "2027-07-15T20:00" });
    expect(summer.startsAt).toBe("2027-07-15T18:00:00.000Z");
  });

  it("reads sales times to the second, and an event's own zone before the venue's", async () => {
    const event = await created({
      startsAt: "2027-03-01T21:00",
      salesOpenAt: "2027-02-01T10:00:30",
      salesCloseAt: "2027-03-01T18:00",
    });
    expect(event.salesOpenAt).toBe("2027-02-01T09:00:30.000Z");
    expect(event.salesCloseAt).toBe("2027-03-01T17:00:00.000Z");
    const elsewhere = await created({ startsAt: "2027-03-01T21:00", timeZone: "America/New_York" });
    expect(elsewhere.startsAt).toBe("2027-03-02T02:00:00.000Z");
  });

  it("still takes instants with an offset as they are", async () => {
    const event = await created({ startsAt: "2027-01-15T20:00:00+05:00" });
    expect(event.startsAt).toBe("2027-01-15T15:00:00.000Z");
  });

  it("updates sales times in the event's zone; null clears, absent keeps", async () => {
    const event = await created({ startsAt: "2027-05-10T20:00", salesOpenAt: "2027-04-01T09:00" });
    const updated = await admin<EventView>("updateEvent", {
      eventId: event.id,
      salesCloseAt: "2027-05-10T19:30",
    });
    expect(updated).toMatchObject({
      ok: true,
      data: { salesOpenAt: "2027-04-01T07:00:00.000Z", salesCloseAt: "2027-05-10T17:30:00.000Z" },
    });
    const cleared = await admin<EventView>("updateEvent", { eventId: event.id, salesOpenAt: null });
    expect(cleared).toMatchObject({
      ok: true,
      data: { salesOpenAt: null, salesCloseAt: "2027-05-10T17:30:00.000Z" },
    });
  });
});

describe("event times refused, each naming its field", () => {
  it("refuses a wall-clock time that does not exist", async () => {
    expect(
      await admin("createEvent", {
        name: "X",
        venueId: parisVenueId,
        startsAt: "2027-02-30T20:00",
      }),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "startsAt: 2027-02-30T20:00 is not a date and time",
    });
    expect(
      await admin("createEvent", {
        name: "X",
        venueId: parisVenueId,
        startsAt: "2027-02-20T20:00",
        salesOpenAt: "2027-02-01T24:10",
      }),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "salesOpenAt: 2027-02-01T24:10 is not a date and time",
    });
  });

  it("refuses what is neither an instant nor a wall-clock time", async () => {
    const result = await admin("createEvent", {
      name: "X",
      venueId: parisVenueId,
      startsAt: "next friday",
    });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(result.ok ? "" : result.message).toContain("startsAt");
    expect(result.ok ? "" : result.message).toContain("wall-clock time");
  });

  it("refuses an unknown venue or event instead of guessing a zone", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      await admin("createEvent", { name: "X", venueId: missing, startsAt: "2027-02-20T20:00" }),
    ).toMatchObject({ ok: false, code: "BAD_REQUEST", message: `venueId: no venue ${missing}` });
    expect(
      await admin("updateEvent", { eventId: missing, salesOpenAt: "2027-02-01T10:00" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND", message: `eventId: no event ${missing}` });
  });

  it("refuses closing before opening once both are read in the zone", async () => {
    const result = await admin("createEvent", {
      name: "X",
      venueId: parisVenueId,
      startsAt: "2027-06-20T20:00",
      salesOpenAt: "2027-06-01T10:00",
      salesCloseAt: "2027-06-01T09:00",
    });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(result.ok ? "" : result.message).toMatch(/^salesCloseAt: /);
  });
});
