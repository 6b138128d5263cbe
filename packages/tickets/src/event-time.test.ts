import { describe, expect, it } from "vitest";
import { formatEventTime } from "./event-time";

describe("formatEventTime", () => {
  it("shows the instant in the venue's time zone and names the zone", () => {
    expect(formatEventTime("2026-12-12T19:00:00.000Z", "Europe/Berlin")).toBe(
      "Saturday 12 December 2026, 20:00 (Europe/Berlin)",
    );
    expect(formatEventTime("2026-12-12T19:00:00.000Z", "America/New_York")).toBe(
      "Saturday 12 December 2026, 14:00 (America/New_York)",
    );
  });

  it("falls back to UTC for an unknown zone instead of failing", () => {
    expect(formatEventTime("2026-12-12T19:00:00.000Z", "Mars/Olympus")).toBe(
      "Saturday 12 December 2026, 19:00 (UTC)",
    );
  });
});
