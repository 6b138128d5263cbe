import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebHarness, type WebHarness } from "./harness";

// Who may call what: the web's procedures refuse before any service is asked, with the sentence
// the page shows; what they let through reaches the real catalog with the caller's own token.

let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness();
});
afterAll(async () => {
  await h?.stop();
});

const refusal = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const { code, message } = error as TRPCError;
  return { code, message };
};

const SIGN_IN = { code: "UNAUTHORIZED", message: "Please sign in or continue as a guest." };
const ORGANIZERS = { code: "FORBIDDEN", message: "This page is for organizers." };
const DOOR_STAFF_ONLY = {
  code: "FORBIDDEN",
  message:
    "Door staff accounts can only check tickets in. Open the check-in desk, or sign out first.",
};
const DESK = {
  code: "FORBIDDEN",
  message: "The check-in desk is for organizers and door staff.",
};

describe("signed out", () => {
  it("is asked to sign in for account, cart, checkout, organizer and desk procedures", async () => {
    const api = await h.callerAs(null);
    const orderId = "00000000-0000-4000-8000-000000000000";
    expect(await refusal(api.account.tickets())).toEqual(SIGN_IN);
    expect(await refusal(api.checkout.order({ orderId }))).toEqual(SIGN_IN);
    expect(await refusal(api.cart.forEvent({ eventId: orderId }))).toEqual(SIGN_IN);
    expect(await refusal(api.cart.holdBestAvailable({ eventId: orderId, quantity: 2 }))).toEqual(
      SIGN_IN,
    );
    expect(await refusal(api.cart.extend({ orderId, reservationIds: [orderId] }))).toEqual(SIGN_IN);
    expect(await refusal(api.organizer.venues())).toEqual(SIGN_IN);
    expect(await refusal(api.door.events())).toEqual(SIGN_IN);
    expect(await refusal(api.waitingList.join({ eventId: orderId, quantity: 1 }))).toEqual(SIGN_IN);
    expect(await refusal(api.waitingList.takeOffer({ reservationId: orderId }))).toEqual(SIGN_IN);
  });

  it("reads the storefront from catalog", async () => {
    const api = await h.callerAs(null);
    const page = await api.events.list({ limit: 5 });
    expect(Array.isArray(page.items)).toBe(true);
  });
});

describe("a customer", () => {
  it("is refused organizer pages and the check-in desk", async () => {
    const api = await h.callerAs("customer");
    expect(await refusal(api.organizer.venues())).toEqual(ORGANIZERS);
    expect(
      await refusal(
        api.organizer.createEvent({
          name: "Mine",
          venueId: "00000000-0000-4000-8000-000000000000",
          startsAt: "2027-01-15T20:00",
          holdTtlMinutes: 10,
        }),
      ),
    ).toEqual(ORGANIZERS);
    expect(await refusal(api.doorStaff.overview())).toEqual(ORGANIZERS);
    expect(await refusal(api.door.events())).toEqual(DESK);
  });

  it("is a guest too: the same refusals", async () => {
    const api = await h.callerAs("guest");
    expect(await refusal(api.organizer.venues())).toEqual(ORGANIZERS);
    expect(await refusal(api.door.events())).toEqual(DESK);
  });
});

describe("door staff", () => {
  it("are refused everything but the desk, organizer procedures included", async () => {
    const api = await h.callerAs("staff", { doorEvents: [] });
    expect(await refusal(api.account.tickets())).toEqual(DOOR_STAFF_ONLY);
    expect(
      await refusal(api.cart.forEvent({ eventId: "00000000-0000-4000-8000-000000000000" })),
    ).toEqual(DOOR_STAFF_ONLY);
    expect(await refusal(api.organizer.venues())).toEqual(DOOR_STAFF_ONLY);
    expect(
      await refusal(
        api.waitingList.join({ eventId: "00000000-0000-4000-8000-000000000000", quantity: 1 }),
      ),
    ).toEqual(DOOR_STAFF_ONLY);
  });

  it("get the desk's events: only their own, none here", async () => {
    const api = await h.callerAs("staff", { doorEvents: [] });
    expect(await api.door.events()).toEqual([]);
  });
});

describe("an organizer", () => {
  it("reaches catalog's organizer procedures with their own token", async () => {
    const api = await h.callerAs("admin");
    const venue = await api.organizer.createVenue({
      name: "Access Hall",
      city: "Lyon",
      timeZone: "Europe/Paris",
    });
    const venues = await api.organizer.venues();
    expect(venues.map((v) => v.id)).toContain(venue.id);
  });
});
