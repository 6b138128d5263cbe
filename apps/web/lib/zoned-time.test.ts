import { describe, expect, it } from "vitest";
import { utcToZonedInput } from "./zoned-time";

describe("utcToZonedInput", () => {
  it("gives back what the organizer typed, to the second when asked", () => {
    const instant = new Date("2026-06-20T19:30:45.000Z");
    expect(utcToZonedInput(instant, "Europe/Paris")).toBe("2026-06-20T21:30");
    expect(utcToZonedInput(instant, "Europe/Paris", true)).toBe("2026-06-20T21:30:45");
  });
});
