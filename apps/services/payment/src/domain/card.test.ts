import { describe, expect, it } from "vitest";
import { brandOf, passesLuhn, summariseCard, validateCard, type CardInput } from "./card";

const now = new Date("2026-11-25T12:00:00Z");
const card = (overrides: Partial<CardInput> = {}): CardInput => ({
  number: "4242 4242 4242 4242",
  expMonth: 12,
  expYear: 30,
  cvc: "123",
  ...overrides,
});
const fieldOf = (input: CardInput) => {
  const result = validateCard(input, now);
  return result.ok ? null : result.error.field;
};

describe("validateCard", () => {
  it("accepts a valid card and keeps only brand and last four digits in its summary", () => {
    const result = validateCard(card(), now);
    expect(result).toEqual({
      ok: true,
      value: { number: "4242424242424242", brand: "visa", last4: "4242" },
    });
    if (result.ok) expect(summariseCard(result.value)).toEqual({ brand: "visa", last4: "4242" });
  });

  it("accepts numbers typed with dashes", () => {
    expect(fieldOf(card({ number: "4000-0000-0000-0002" }))).toBeNull();
  });

  it.each([
    ["letters", "4242 4242 4242 424x"],
    ["too short", "42424242424"],
    ["too long", "42424242424242424242"],
    ["failing the Luhn check", "4242 4242 4242 4241"],
    ["empty", ""],
  ])("refuses a card number %s, naming card.number", (_, number) => {
    expect(fieldOf(card({ number }))).toBe("card.number");
  });

  it.each([0, 13, 1.5])("refuses month %s, naming card.expMonth", (expMonth) => {
    expect(fieldOf(card({ expMonth }))).toBe("card.expMonth");
  });

  it("refuses a card that expired last month and accepts one expiring this month", () => {
    expect(fieldOf(card({ expMonth: 10, expYear: 26 }))).toBe("card.expYear");
    expect(fieldOf(card({ expMonth: 11, expYear: 2026 }))).toBeNull();
    expect(fieldOf(card({ expMonth: 1, expYear: 2025 }))).toBe("card.expYear");
  });

  it.each(["12", "12345", "12a", ""])("refuses CVC %j, naming card.cvc", (cvc) => {
    expect(fieldOf(card({ cvc }))).toBe("card.cvc");
  });

  it("accepts a four-digit CVC", () => {
    expect(fieldOf(card({ cvc: "1234" }))).toBeNull();
  });

  it("never puts the full number or the CVC in the error message", () => {
    const result = validateCard(card({ number: "4242 4242 4242 4241", cvc: "987" }), now);
    expect(JSON.stringify(result)).not.toMatch(/4242424242424241|4242 4242 4242 4241|987/);
  });
});

describe("passesLuhn and brandOf", () => {
  it("recognises the test cards and common brands", () => {
    expect(passesLuhn("4000000000009995")).toBe(true);
    expect(passesLuhn("4000000000009996")).toBe(false);
    expect(brandOf("5555555555554444")).toBe("mastercard");
    expect(brandOf("378282246310005")).toBe("amex");
    expect(brandOf("6011111111111117")).toBe("discover");
    expect(brandOf("9999999999999995")).toBe("unknown");
  });
});
