import { fuzzProcedures, listProcedures } from "@marquee/testkit/fuzz-procedures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppRouter } from "../src/adapters/trpc/router";
import { startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.stop());

describe("hostile input to every procedure", () => {
  it("answers every procedure's hostile inputs with a 4xx or 2xx that names no internals", async () => {
    const router = createAppRouter(h.catalog.deps);
    const { token: customer } = await h.issuer.tokenFor({ role: "customer" });
    // Real rows for the generated ids to sometimes hit: one event with a layout.
    const event = await h.createEvent();
    const called = await fuzzProcedures({
      base: h.baseUrl,
      router,
      tokens: [customer, h.adminToken],
      ids: [event.id, event.venue.id],
      samples: {
        createEvent: [
          {
            name: "Fuzzed night",
            description: "A night out",
            startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
            venueId: event.venue.id,
          },
        ],
        updateEvent: [{ eventId: event.id, name: "Renamed", description: "Now longer" }],
        generateLayout: [
          {
            eventId: event.id,
            currency: "EUR",
            tiers: [{ name: "Front", priceCents: 5_000 }],
            sections: [{ name: "Stalls", rows: 1, seatsPerRow: 2, tier: "Front" }],
          },
        ],
        createVenue: [{ name: "Fuzz Hall", city: "Testville", timeZone: "Europe/Berlin" }],
        listEvents: [{ query: "night" }],
        organizerEvents: [{ query: "night" }],
        seatIds: [{ eventId: event.id, section: "Front" }],
      },
    });
    expect(called.sort()).toEqual(
      listProcedures(router)
        .map(({ path }) => path)
        .sort(),
    );
  }, 120_000);
});
