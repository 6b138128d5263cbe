import { describe, expect, it } from "vitest";
import { formatEventDate, formatEventTime, formatLocalTime } from "./event-time";

// ICU versions differ on a comma after the weekday; the rest of each string is pinned.
const shown = (text: string) => text.replace(/^(\S+?),? /, "$1 ");

describe("formatEventTime", () => {
  it("shows the instant in the venue's time zone with the zone's short name", () => {
    expect(shown(formatEventTime("2026-12-12T19:00:00.000Z", "Europe/Berlin"))).toBe(
      "Sat 12 Dec 2026, 20:00 CET",
    );
    expect(shown(formatEventTime("2026-12-12T19:00:00.000Z", "America/New_York"))).toBe(
      "Sat 12 Dec 2026, 14:00 GMT-5",
    );
  });

  it("names summer time, and tells apart the hour that happens twice when the clocks go back", () => {
    expect(shown(formatEventTime("2026-06-20T19:30:00.000Z", "Europe/Paris"))).toBe(
      "Sat 20 Jun 2026, 21:30 CEST",
    );
    // 25 October 2026: Berlin's clocks go back from 03:00 CEST to 02:00 CET.
    expect(shown(formatEventTime("2026-10-25T00:30:00.000Z", "Europe/Berlin"))).toBe(
      "Sun 25 Oct 2026, 02:30 CEST",
    );
    expect(shown(formatEventTime("2026-10-25T01:30:00.000Z", "Europe/Berlin"))).toBe(
      "Sun 25 Oct 2026, 02:30 CET",
    );
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST, so an hour apart in UTC is two on the clock.
    expect(shown(formatEventTime("2026-03-29T00:30:00.000Z", "Europe/Berlin"))).toBe(
      "Sun 29 Mar 2026, 01:30 CET",
    );
    expect(shown(formatEventTime("2026-03-29T01:30:00.000Z", "Europe/Berlin"))).toBe(
      "Sun 29 Mar 2026, 03:30 CEST",
    );
  });

  it("uses the locale's words and order", () => {
    expect(formatEventTime("2026-12-12T19:00:00.000Z", "Europe/Berlin", "de-DE")).toBe(
      "Sa., 12. Dez. 2026, 20:00 MEZ",
    );
  });

  it("falls back to UTC for an unknown zone instead of failing", () => {
    expect(shown(formatEventTime("2026-12-12T19:00:00.000Z", "Mars/Olympus"))).toBe(
      "Sat 12 Dec 2026, 19:00 UTC",
    );
  });

  it("says the date is to follow when the instant is not known yet", () => {
    expect(formatEventTime("", "Europe/Berlin")).toBe("Date to follow");
    expect(formatEventTime("not a date", "Europe/Berlin")).toBe("Date to follow");
  });
});

describe("formatEventDate and formatLocalTime", () => {
  it("give the local day and the local wall-clock time", () => {
    expect(formatEventDate("2026-12-12T23:30:00.000Z", "Europe/Berlin")).toBe(
      "Sunday 13 December 2026",
    );
    expect(formatLocalTime("2026-12-12T19:05:00.000Z", "Europe/Berlin")).toBe("20:05");
    expect(formatLocalTime("2026-12-12T19:05:00.000Z", "America/New_York")).toBe("14:05");
  });
});
