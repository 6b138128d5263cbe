import { describe, expect, it } from "vitest";
import { utcToZonedInput, zonedTimeToUtc } from "./zoned-time";

describe("zonedTimeToUtc", () => {
  it("reads wall-clock time in the venue's zone, with or without seconds", () => {
    expect(zonedTimeToUtc("2026-12-01T10:00", "Europe/Paris")?.toISOString()).toBe(
      "2026-12-01T09:00:00.000Z",
    );
    expect(zonedTimeToUtc("2026-06-20T21:30:45", "Europe/Paris")?.toISOString()).toBe(
      "2026-06-20T19:30:45.000Z",
    );
  });

  it("refuses what is not a time", () => {
    expect(zonedTimeToUtc("2026-02-30T10:00", "Europe/Paris")).toBeNull();
    expect(zonedTimeToUtc("2026-12-01T10:00:60", "Europe/Paris")).toBeNull();
    expect(zonedTimeToUtc("tomorrow", "Europe/Paris")).toBeNull();
  });

  it("puts a time a DST jump skips one offset later, as clocks do", () => {
    // 02:30 does not exist in Paris on 2026-03-29 (02:00 → 03:00).
    expect(zonedTimeToUtc("2026-03-29T02:30", "Europe/Paris")?.toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });
});

describe("utcToZonedInput", () => {
  it("gives back what the organizer typed, to the second when asked", () => {
    const instant = new Date("2026-06-20T19:30:45.000Z");
    expect(utcToZonedInput(instant, "Europe/Paris")).toBe("2026-06-20T21:30");
    expect(utcToZonedInput(instant, "Europe/Paris", true)).toBe("2026-06-20T21:30:45");
  });
});
