import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebHarness, type WebHarness, type WebCaller } from "./harness";

// Bad input is refused as BAD_REQUEST naming the field, by the web's own schemas before any
// service is asked, or by catalog (kept word for word); never a crash.

let h: WebHarness;
let organizer: WebCaller;
let venueId: string;

beforeAll(async () => {
  h = await startWebHarness();
  organizer = await h.callerAs("admin");
  venueId = (
    await organizer.organizer.createVenue({
      name: "Input Hall",
      city: "Paris",
      timeZone: "Europe/Paris",
    })
  ).id;
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
  return error as TRPCError;
};

const newEvent = {
  name: "Forwarded",
  description: "",
  startsAt: "2027-01-15T20:00",
  holdTtlMinutes: 10,
  salesOpenAt: "",
  salesCloseAt: "",
  waitingRoom: null,
};

describe("the web's schemas", () => {
  it("name the field and say what is wrong", async () => {
    const anyone = await h.callerAs(null);
    const notAnId = await refusal(anyone.events.byId({ eventId: "not-an-id" }));
    expect(notAnId.code).toBe("BAD_REQUEST");
    expect(notAnId.message).toContain("eventId");

    const customer = await h.callerAs("customer");
    const card = await refusal(
      customer.checkout.pay({
        orderId: "00000000-0000-4000-8000-000000000000",
        idempotencyKey: "key-12345",
        card: { number: "4242", expMonth: 13, expYear: 2030, cvc: "1" },
      }),
    );
    expect(card.code).toBe("BAD_REQUEST");
    expect(card.message).toContain("card number: 12 to 19 digits");
    expect(card.message).toContain("expiry month: 1 to 12");
    expect(card.message).toContain("security code: 3 or 4 digits");

    const form = await refusal(
      organizer.organizer.createEvent({ ...newEvent, venueId, startsAt: "15/01/2027 20:00" }),
    );
    expect(form.code).toBe("BAD_REQUEST");
    expect(form.message).toContain("startsAt");
    expect(form.message).toContain("Give the date and time the doors open.");

    const closing = await refusal(
      organizer.organizer.createEvent({
        ...newEvent,
        venueId,
        salesOpenAt: "2027-01-10T10:00",
        salesCloseAt: "2027-01-09T10:00",
      }),
    );
    expect(closing.code).toBe("BAD_REQUEST");
    expect(closing.message).toContain("salesCloseAt");
    expect(closing.message).toContain("Sales must close after they open.");
  });
});

describe("organizer times, converted by catalog", () => {
  it("creates the event at the poster's time in the venue's zone and changes its sales times in it", async () => {
    const { eventId } = await organizer.organizer.createEvent({
      ...newEvent,
      venueId,
      salesOpenAt: "2027-01-01T09:00:30",
    });
    const event = await organizer.organizer.event({ eventId });
    expect(event.startsAt).toBe("2027-01-15T19:00:00.000Z");
    expect(event.salesOpenAt).toBe("2027-01-01T08:00:30.000Z");

    const updated = await organizer.organizer.updateOnSale({
      eventId,
      salesOpenAt: "",
      salesCloseAt: "2027-01-15T18:30",
      waitingRoom: { admitPerMinute: 30, windowMinutes: 5 },
    });
    expect(updated).toMatchObject({
      salesOpenAt: null,
      salesCloseAt: "2027-01-15T17:30:00.000Z",
      waitingRoom: { admitPerMinute: 30, windowSeconds: 300 },
    });
  });

  it("keeps catalog's refusal of a time that does not exist, naming the field", async () => {
    const missing = await refusal(
      organizer.organizer.createEvent({ ...newEvent, venueId, startsAt: "2027-02-30T20:00" }),
    );
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toBe("startsAt: 2027-02-30T20:00 is not a date and time");
  });

  it("keeps catalog's refusal of an unknown venue", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const noVenue = await refusal(
      organizer.organizer.createEvent({ ...newEvent, venueId: unknown }),
    );
    expect(noVenue.code).toBe("BAD_REQUEST");
    expect(noVenue.message).toBe(`venueId: no venue ${unknown}`);
  });
});

describe("the desk's events for door staff", () => {
  it("lists a staff member only the published events they were given", async () => {
    const { eventId } = await organizer.organizer.createEvent({
      ...newEvent,
      venueId,
      startsAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16),
    });
    await organizer.organizer.generateLayout({
      eventId,
      currency: "EUR",
      tiers: [{ name: "Main", priceCents: 2_000 }],
      sections: [{ name: "Floor", rows: 1, seatsPerRow: 2, tier: "Main" }],
    });
    await organizer.organizer.publish({ eventId });
    const staff = await h.callerAs("staff", { doorEvents: [eventId] });
    expect((await staff.door.events()).map((e) => e.id)).toEqual([eventId]);
  });
});
