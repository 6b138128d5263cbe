import { describe, expect, it } from "vitest";
import { CreateEventForm, fieldErrors, LayoutForm, serviceFieldErrors } from "./organizer-forms";

const EVENT_ID = "5ff37323-c1d2-43a5-aedb-ad33187705ac";
const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.error ? fieldErrors(result.error) : {};

describe("the organizer's forms say what to type, at the field", () => {
  it("asks for a price, rows and seats as numbers when those fields are empty (NaN from the form)", () => {
    const errors = errorsOf(
      LayoutForm.safeParse({
        eventId: EVENT_ID,
        currency: "EUR",
        tiers: [{ name: "Standard", priceCents: Number.NaN }],
        sections: [{ name: "Stalls", rows: Number.NaN, seatsPerRow: Number.NaN, tier: "Standard" }],
      }),
    );
    expect(errors).toEqual({
      "tiers.0.priceCents": "Type the price as a number, e.g. 35 or 35.50.",
      "sections.0.rows": "Type how many rows, e.g. 10.",
      "sections.0.seatsPerRow": "Type how many seats each row has, e.g. 20.",
    });
  });

  it("asks for each place and stage field of a venue-shaped layout in words, at the field", () => {
    const errors = errorsOf(
      LayoutForm.safeParse({
        eventId: EVENT_ID,
        currency: "EUR",
        tiers: [{ name: "Standard", priceCents: 3_500 }],
        sections: [
          {
            name: "Stalls",
            rows: 10,
            seatsPerRow: 20,
            tier: "Standard",
            placement: { x: Number.NaN, y: 0, rotation: 400, radius: 0 },
          },
        ],
        stage: { label: " ", shape: "rectangle", x: 0, y: -5, width: Number.NaN, height: 6 },
      }),
    );
    expect(errors).toEqual({
      "sections.0.placement.x": "Type a number of seat widths, e.g. 12 or -4.5.",
      "sections.0.placement.rotation": "Between -360 and 360 degrees.",
      "sections.0.placement.radius": "At least 1.",
      "stage.label": "Name it, e.g. Stage or Pitch.",
      "stage.width": "Type a number of seat widths, e.g. 20.",
    });
  });

  it("words every limit for people, with thousands separators, never zod's own text", () => {
    const errors = errorsOf(
      CreateEventForm.safeParse({
        name: "x".repeat(201),
        description: "x".repeat(5_001),
        venueId: EVENT_ID,
        startsAt: "2026-12-20T20:00",
        holdTtlMinutes: Number.NaN,
        imagePath: `/${"x".repeat(300)}`,
      }),
    );
    expect(errors).toEqual({
      name: "At most 200 characters.",
      description: "At most 5,000 characters.",
      holdTtlMinutes: "Give the hold time in minutes.",
      imagePath: "At most 300 characters.",
    });
  });

  it("says what a hold extension may be, at its field, and takes none by default", () => {
    const event = {
      name: "Jazz",
      venueId: EVENT_ID,
      startsAt: "2026-12-20T20:00",
      holdTtlMinutes: 15,
    };
    const base = CreateEventForm.safeParse(event);
    expect(base.success && base.data.holdExtensionMinutes).toBe(0);
    for (const [value, says] of [
      [Number.NaN, "Give the extension in minutes, or 0 for none."],
      [16, "At most 15 minutes."],
      [-1, "0 (no extension) or more."],
      [2.5, "Whole minutes only."],
    ] as const) {
      expect(
        errorsOf(CreateEventForm.safeParse({ ...event, holdExtensionMinutes: value })),
      ).toEqual({ holdExtensionMinutes: says });
    }
  });
});

describe("a service's refusal of a form", () => {
  it("goes to each field it names, the service's input prefix dropped and messages kept whole", () => {
    expect(
      serviceFieldErrors(
        "Invalid input: sections[0].placement.radius: a row of 30 seats wraps around a circle of radius 3; use a radius of at least 5; stage.width: at least 1 unit",
      ),
    ).toEqual({
      "sections.0.placement.radius":
        "a row of 30 seats wraps around a circle of radius 3; use a radius of at least 5",
      "stage.width": "at least 1 unit",
    });
    expect(serviceFieldErrors('sections[1].tier: unknown tier "Gold"; tiers are Standard')).toEqual(
      {
        "sections.1.tier": 'unknown tier "Gold"; tiers are Standard',
      },
    );
  });

  it("is left whole for the form when it names no field", () => {
    expect(serviceFieldErrors("the event is already published")).toBeNull();
    expect(serviceFieldErrors("Invalid input: (input): expected an object")).toBeNull();
  });
});
