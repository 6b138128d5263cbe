import { describe, expect, it } from "vitest";
import { describeCancellationPolicy } from "./cancellation-policy";

const event = { startsAt: "2026-12-14T18:30:00Z", timeZone: "Europe/Berlin", currency: "EUR" };
const now = new Date("2026-12-01T00:00:00Z");
const policy = { allowed: true, hoursBefore: 48, feeCents: null, feeBasisPoints: null };

describe("describeCancellationPolicy", () => {
  it("names the deadline in the event's zone", () => {
    expect(describeCancellationPolicy(policy, event, now)).toBe(
      "Free cancellation until Sat 12 Dec, 19:30",
    );
  });

  it("names a fixed fee in the event's currency, or a percentage", () => {
    expect(describeCancellationPolicy({ ...policy, feeCents: 200 }, event, now)).toBe(
      "Cancellation with a €2.00 fee until Sat 12 Dec, 19:30",
    );
    expect(describeCancellationPolicy({ ...policy, feeBasisPoints: 250 }, event, now)).toBe(
      "Cancellation with a 2.5 % fee until Sat 12 Dec, 19:30",
    );
  });

  it("says no cancellations when not allowed or once the deadline has passed", () => {
    expect(describeCancellationPolicy({ ...policy, allowed: false }, event, now)).toBe(
      "No cancellations",
    );
    expect(describeCancellationPolicy(policy, event, new Date("2026-12-13T00:00:00Z"))).toBe(
      "No cancellations",
    );
  });
});
