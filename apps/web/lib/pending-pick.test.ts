import { describe, expect, it } from "vitest";
import { eventPathWithPick, PICK_PARAM, readPick, type PendingPick } from "./pending-pick";

const roundTrip = (pick: PendingPick) => {
  const url = new URL(eventPathWithPick("e1", pick), "http://shop.test");
  expect(url.pathname).toBe("/events/e1");
  return readPick(url.searchParams.get(PICK_PARAM));
};

describe("a pick carried through sign-in", () => {
  it("comes back as it went, for a seat and for best available", () => {
    expect(roundTrip({ seat: { section: 2, index: 17 } })).toEqual({
      seat: { section: 2, index: 17 },
    });
    expect(
      roundTrip({
        best: { quantity: 3, priceCents: 4500, section: "Stalls & Circle", accessible: true },
      }),
    ).toEqual({
      best: { quantity: 3, priceCents: 4500, section: "Stalls & Circle", accessible: true },
    });
    expect(roundTrip({ best: { quantity: 1 } })).toEqual({ best: { quantity: 1 } });
  });

  it("is nothing when absent, unreadable or not a pick", () => {
    for (const value of [
      null,
      "",
      "{",
      "null",
      "42",
      '{"seat":{"section":-1,"index":0}}',
      '{"seat":{"section":1.5,"index":0}}',
      '{"seat":{"section":"1","index":0}}',
      '{"best":{"quantity":0}}',
      '{"best":{"quantity":11}}',
      '{"best":{"quantity":2,"accessible":"yes"}}',
      '{"best":{"quantity":2,"section":5}}',
      '{"other":1}',
    ]) {
      expect(readPick(value), String(value)).toBeNull();
    }
  });

  it("keeps only the fields of a pick", () => {
    expect(readPick('{"seat":{"section":0,"index":1,"extra":true}}')).toEqual({
      seat: { section: 0, index: 1 },
    });
  });
});
