import { describe, expect, it } from "vitest";
import {
  formatTimeLeft,
  nextPhaseChange,
  salesPhase,
  spokenTimeLeft,
  withInstantsIn,
} from "./on-sale";

const at = (iso: string) => Date.parse(iso);
const event = {
  startsAt: "2026-12-12T19:30:00.000Z",
  salesOpenAt: "2026-12-01T09:00:00.000Z",
  salesCloseAt: "2026-12-12T17:00:00.000Z",
};

describe("salesPhase", () => {
  it("is before the opening until the opening instant, open from it, closed from the close", () => {
    expect(salesPhase(event, at("2026-12-01T08:59:59.999Z"))).toBe("before-open");
    expect(salesPhase(event, at("2026-12-01T09:00:00.000Z"))).toBe("open");
    expect(salesPhase(event, at("2026-12-12T16:59:59.999Z"))).toBe("open");
    expect(salesPhase(event, at("2026-12-12T17:00:00.000Z"))).toBe("closed");
  });

  it("closes at the start of the event when no close is set, and is open at once with no opening", () => {
    const loose = { ...event, salesOpenAt: null, salesCloseAt: null };
    expect(salesPhase(loose, at("2026-11-01T00:00:00.000Z"))).toBe("open");
    expect(salesPhase(loose, at("2026-12-12T19:30:00.000Z"))).toBe("closed");
  });
});

describe("nextPhaseChange", () => {
  it("is the opening, then the close, then nothing", () => {
    expect(nextPhaseChange(event, at("2026-11-30T00:00:00Z"))).toBe(at(event.salesOpenAt));
    expect(nextPhaseChange(event, at("2026-12-05T00:00:00Z"))).toBe(at(event.salesCloseAt));
    expect(nextPhaseChange(event, at("2026-12-13T00:00:00Z"))).toBeNull();
  });
});

describe("formatTimeLeft", () => {
  it("shows minutes and seconds, then hours, then days, rounding up to the next second", () => {
    expect(formatTimeLeft(4_001)).toBe("0:05");
    expect(formatTimeLeft(65_000)).toBe("1:05");
    expect(formatTimeLeft(3_600_000 + 62_000)).toBe("1:01:02");
    expect(formatTimeLeft(2 * 86_400_000 + 3_600_000)).toBe("2 d 01:00:00");
    expect(formatTimeLeft(-5)).toBe("0:00");
  });
});

describe("spokenTimeLeft", () => {
  it("changes in coarse steps, so a live region is not read out every second", () => {
    const said = new Set<string>();
    for (let s = 3_600; s > 0; s -= 1) said.add(spokenTimeLeft(s * 1000));
    // An hour of seconds: 10 five-minute steps (60…15), 9 minute steps (10…2), the last minute, the last seconds.
    expect(said.size).toBeLessThanOrEqual(22);
    expect(spokenTimeLeft(3 * 86_400_000)).toBe("3 days");
    expect(spokenTimeLeft(5 * 3_600_000)).toBe("about 5 hours");
    expect(spokenTimeLeft(23 * 60_000)).toBe("about 25 minutes");
    expect(spokenTimeLeft(4 * 60_000 + 1)).toBe("5 minutes");
    expect(spokenTimeLeft(30_000)).toBe("less than a minute");
    expect(spokenTimeLeft(9_000)).toBe("a few seconds");
    expect(spokenTimeLeft(0)).toBe("now");
  });
});

describe("withInstantsIn", () => {
  it("writes inventory's UTC instants in the event's zone", () => {
    expect(
      withInstantsIn("Sales for this event open at 2026-12-01T09:00:00.000Z", "Europe/Paris"),
    ).toMatch(/^Sales for this event open at Tue,? 1 Dec 2026, 10:00 CET$/);
  });
});
