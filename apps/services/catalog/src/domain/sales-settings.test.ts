import { describe, expect, it } from "vitest";
import { checkSalesSettings } from "./sales-settings";

const startsAt = new Date("2027-06-01T20:00:00Z");
const at = (iso: string) => new Date(iso);

describe("checkSalesSettings", () => {
  it("accepts no window at all, and a window that opens and closes before the start", () => {
    expect(
      checkSalesSettings({ startsAt, salesOpenAt: null, salesCloseAt: null, waitingRoom: null }),
    ).toBeNull();
    expect(
      checkSalesSettings({
        startsAt,
        salesOpenAt: at("2027-05-01T10:00:00Z"),
        salesCloseAt: startsAt,
        waitingRoom: { admitPerMinute: 100, windowSeconds: 600 },
      }),
    ).toBeNull();
  });

  it("accepts a waiting room without an opening time", () => {
    expect(
      checkSalesSettings({
        startsAt,
        salesOpenAt: null,
        salesCloseAt: null,
        waitingRoom: { admitPerMinute: 10, windowSeconds: 60 },
      }),
    ).toBeNull();
  });

  it("refuses an opening at or after the start, naming salesOpenAt", () => {
    expect(
      checkSalesSettings({
        startsAt,
        salesOpenAt: startsAt,
        salesCloseAt: null,
        waitingRoom: null,
      }),
    ).toEqual({
      field: "salesOpenAt",
      message: "sales must open before the event starts (2027-06-01T20:00:00.000Z)",
    });
  });

  it("refuses a close at or before the opening, naming salesCloseAt", () => {
    const open = at("2027-05-01T10:00:00Z");
    expect(
      checkSalesSettings({ startsAt, salesOpenAt: open, salesCloseAt: open, waitingRoom: null })
        ?.field,
    ).toBe("salesCloseAt");
  });

  it("refuses a close after the start, comparing instants whatever the offset", () => {
    expect(
      checkSalesSettings({
        startsAt,
        salesOpenAt: null,
        salesCloseAt: at("2027-06-01T21:30:00+01:00"),
        waitingRoom: null,
      })?.message,
    ).toMatch(/no later than the event starts/);
    expect(
      checkSalesSettings({
        startsAt,
        salesOpenAt: null,
        salesCloseAt: at("2027-06-01T21:00:00+01:00"),
        waitingRoom: null,
      }),
    ).toBeNull();
  });
});
