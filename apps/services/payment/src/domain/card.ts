import { fail, ok, type Result } from "@marquee/service/result";

/** Card details as the customer typed them; they live only for the length of one charge. */
export type CardInput = {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
};

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "unknown";

/** What may be kept of a card: never the full number, never the CVC. */
export type CardSummary = { brand: CardBrand; last4: string };

/** A card that passed validation; `number` is digits only. */
export type ValidCard = CardSummary & { number: string };

export type CardField = "card.number" | "card.expMonth" | "card.expYear" | "card.cvc";

/** Why card input was refused, naming the field so the form can point at it. */
export type CardError = { kind: "invalid-card"; field: CardField; message: string };

const invalid = (field: CardField, message: string): { ok: false; error: CardError } =>
  fail({ kind: "invalid-card", field, message });

/** Luhn (mod 10) check over a string of digits. */
export const passesLuhn = (digits: string): boolean => {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
};

export const brandOf = (digits: string): CardBrand => {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(6011|65|64[4-9])/.test(digits)) return "discover";
  return "unknown";
};

/** Spaces and dashes are how people type card numbers; anything else is an error. */
const normaliseNumber = (raw: string): string => raw.replace(/[\s-]/g, "");

/**
 * Validates a card the way a gateway does before it contacts the issuer: number (digits, 12–19 long,
 * Luhn), expiry (month 1–12, two- or four-digit year, not before the current month) and CVC (3–4
 * digits). `now` is the instant the card is checked against, in UTC.
 */
export const validateCard = (card: CardInput, now: Date): Result<ValidCard, CardError> => {
  const number = normaliseNumber(card.number);
  if (!/^\d+$/.test(number)) return invalid("card.number", "card.number: digits only");
  if (number.length < 12 || number.length > 19) {
    return invalid("card.number", "card.number: must be 12 to 19 digits long");
  }
  if (!passesLuhn(number)) return invalid("card.number", "card.number: is not a valid card number");

  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    return invalid("card.expMonth", "card.expMonth: must be a month from 1 to 12");
  }
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  if (!Number.isInteger(card.expYear) || card.expYear < 0 || year < 2000 || year > 2099) {
    return invalid("card.expYear", "card.expYear: must be a year as YY or YYYY");
  }
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (year * 12 + (card.expMonth - 1) < thisMonth) {
    return invalid("card.expYear", "card.expYear: the card has expired");
  }

  if (!/^\d{3,4}$/.test(card.cvc)) return invalid("card.cvc", "card.cvc: must be 3 or 4 digits");

  return ok({ number, brand: brandOf(number), last4: number.slice(-4) });
};

/** The only view of a card that may be stored or logged. */
export const summariseCard = (card: ValidCard): CardSummary => ({
  brand: card.brand,
  last4: card.last4,
});
