import { describe, expect, it } from "vitest";
import { estimatedWaitSeconds, queueOpensAt, saleWindowAt } from "./sale-window";

const startsAt = new Date("2027-06-01T20:00:00Z");
const opensAt = new Date("2027-05-01T10:00:00Z");
const closesAt = new Date("2027-05-31T22:00:00Z");

describe("saleWindowAt", () => {
  it("is not open before the opening, naming it, and open from that very instant", () => {
    const s = { startsAt, salesOpenAt: opensAt, salesCloseAt: null };
    expect(saleWindowAt(s, new Date(opensAt.getTime() - 1))).toEqual({
      state: "not-open",
      opensAt,
    });
    expect(saleWindowAt(s, opensAt)).toEqual({ state: "open" });
  });

  it("is closed from the close, or from the start when no close is set", () => {
    expect(saleWindowAt({ startsAt, salesOpenAt: null, salesCloseAt: closesAt }, closesAt)).toEqual(
      { state: "closed", closedAt: closesAt },
    );
    expect(
      saleWindowAt(
        { startsAt, salesOpenAt: null, salesCloseAt: closesAt },
        new Date(closesAt.getTime() - 1),
      ),
    ).toEqual({ state: "open" });
    expect(saleWindowAt({ startsAt, salesOpenAt: null, salesCloseAt: null }, startsAt)).toEqual({
      state: "closed",
      closedAt: startsAt,
    });
  });

  it("is always open when nothing is known but the seats", () => {
    expect(
      saleWindowAt({ startsAt: null, salesOpenAt: null, salesCloseAt: null }, new Date(0)),
    ).toEqual({ state: "open" });
  });
});

describe("waiting room arithmetic", () => {
  it("opens the queue the pre-queue window before the sale, or at once without an opening", () => {
    expect(queueOpensAt({ salesOpenAt: opensAt }, 30)?.toISOString()).toBe(
      "2027-05-01T09:30:00.000Z",
    );
    expect(queueOpensAt({ salesOpenAt: null }, 30)).toBeNull();
  });

  it("estimates the wait from the place and the rate, and gives none while paused", () => {
    expect(
      estimatedWaitSeconds({ position: 10, admitPerMinute: 60, accumulated: 0, paused: false }),
    ).toBe(10);
    expect(
      estimatedWaitSeconds({ position: 10, admitPerMinute: 60, accumulated: 0.5, paused: false }),
    ).toBe(10);
    expect(
      estimatedWaitSeconds({ position: 1, admitPerMinute: 6, accumulated: 0, paused: false }),
    ).toBe(10);
    expect(
      estimatedWaitSeconds({ position: 10, admitPerMinute: 60, accumulated: 0, paused: true }),
    ).toBeNull();
  });
});
