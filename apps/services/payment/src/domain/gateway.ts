import type { CardSummary, ValidCard } from "./card";

export type DeclineReason = "card_declined" | "insufficient_funds";
/**
 * A decline; `processing_error`: the charge never reached the provider (recover-payments.ts);
 * `hold_ended`: inventory would not pin a hold that had ended, so nothing was charged (pay-order.ts).
 */
export type FailureReason = DeclineReason | "processing_error" | "hold_ended";

/** The gateway's answer to one charge. Declines are answers, not errors. */
export type ChargeOutcome =
  | ({ status: "succeeded" } & CardSummary)
  | ({ status: "failed"; reason: FailureReason; message: string } & CardSummary);

export type ChargeRequest = {
  /**
   * The provider deduplicates on this key: a second charge with it answers what the first did and
   * takes no more money. Marquee uses the payment's id, written before the gateway is called.
   */
  idempotencyKey: string;
  card: ValidCard;
  amountCents: number;
  currency: string;
};

export type Gateway = {
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /**
   * What the provider decided for a key, or undefined when it never received that charge (the
   * caller stopped before asking, or the request was lost). Recovery asks this for a payment whose
   * process stopped between writing it and recording the answer.
   */
  lookup(idempotencyKey: string): Promise<ChargeOutcome | undefined>;
};

/** Test cards with a fixed answer; every other valid number is approved. */
export const TEST_CARDS: Readonly<Record<string, { reason: DeclineReason; message: string }>> = {
  "4000000000000002": { reason: "card_declined", message: "Your card was declined." },
  "4000000000009995": {
    reason: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
};

/**
 * What the simulated provider decides for a card: the documented test cards are declined, every
 * other card that passed validation is approved. It sees the full number only to decide; the
 * answer carries the brand and last four digits alone.
 */
export const decideCharge = (card: ValidCard): ChargeOutcome => {
  const summary = { brand: card.brand, last4: card.last4 };
  const decline = TEST_CARDS[card.number];
  if (decline) return { status: "failed", ...decline, ...summary };
  return { status: "succeeded", ...summary };
};
