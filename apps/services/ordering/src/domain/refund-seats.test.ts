import { describe, expect, it } from "vitest";
import { chooseSeatsToRefund, seatsAlreadyRefunded } from "./refund-seats";

const seats = [
  { seatId: "a", priceCents: 2_500 },
  { seatId: "b", priceCents: 3_000 },
];

describe("chooseSeatsToRefund", () => {
  it("refunds the chosen seats at their prices", () => {
    expect(chooseSeatsToRefund(seats, new Set(), ["b"])).toEqual({
      ok: true,
      value: { seatIds: ["b"], amountCents: 3_000 },
    });
  });

  it("refunds every seat not refunded yet when none is chosen", () => {
    expect(chooseSeatsToRefund(seats, new Set(["a"]), [])).toEqual({
      ok: true,
      value: { seatIds: ["b"], amountCents: 3_000 },
    });
  });

  it("refuses a seat refunded before, one of another order, and an order with nothing left", () => {
    expect(chooseSeatsToRefund(seats, new Set(["a"]), ["a"])).toEqual({
      ok: false,
      error: { kind: "seat-already-refunded", seatId: "a" },
    });
    expect(chooseSeatsToRefund(seats, new Set(), ["z"])).toEqual({
      ok: false,
      error: { kind: "seat-not-in-order", seatId: "z" },
    });
    expect(chooseSeatsToRefund(seats, new Set(["a", "b"]), [])).toEqual({
      ok: false,
      error: { kind: "nothing-to-refund" },
    });
  });
});

describe("seatsAlreadyRefunded", () => {
  const request = (
    status: "requested" | "refunded" | "refused",
    seatIds: string[],
    kind = "organizer",
  ) => ({
    kind,
    status,
    seatIds,
  });

  it("counts the seats of requests waiting for payment and of refunds made", () => {
    expect(
      seatsAlreadyRefunded(seats, [request("requested", ["a"]), request("refunded", ["b"])]),
    ).toEqual(new Set(["a", "b"]));
  });

  it("counts every seat once the event's cancellation asked for the whole order", () => {
    expect(seatsAlreadyRefunded(seats, [request("requested", [], "event-cancelled")])).toEqual(
      new Set(["a", "b"]),
    );
  });

  it("leaves out the seats of a refund payment refused, so they may be asked for again", () => {
    expect(
      seatsAlreadyRefunded(seats, [
        request("refused", ["a"]),
        request("refused", [], "event-cancelled"),
      ]),
    ).toEqual(new Set());
  });
});
