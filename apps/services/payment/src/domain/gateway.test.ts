import { describe, expect, it } from "vitest";
import { validateCard } from "./card";
import { decideCharge } from "./gateway";

const valid = (number: string) => {
  const result = validateCard(
    { number, expMonth: 12, expYear: 2030, cvc: "123" },
    new Date("2026-01-01Z"),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const decide = (number: string) => decideCharge(valid(number));

describe("the simulated provider's decision", () => {
  it("approves 4242 4242 4242 4242", () => {
    expect(decide("4242424242424242")).toEqual({
      status: "succeeded",
      brand: "visa",
      last4: "4242",
    });
  });

  it("declines 4000 0000 0000 0002 with card_declined", () => {
    expect(decide("4000000000000002")).toMatchObject({
      status: "failed",
      reason: "card_declined",
      last4: "0002",
    });
  });

  it("declines 4000 0000 0000 9995 with insufficient_funds", () => {
    expect(decide("4000000000009995")).toMatchObject({
      status: "failed",
      reason: "insufficient_funds",
      last4: "9995",
    });
  });

  it("approves any other valid number", () => {
    expect(decide("5555555555554444")).toEqual({
      status: "succeeded",
      brand: "mastercard",
      last4: "4444",
    });
  });

  it("returns nothing of the card beyond brand and last four digits", () => {
    expect(JSON.stringify(decide("4000000000000002"))).not.toContain("4000000000000002");
  });
});
