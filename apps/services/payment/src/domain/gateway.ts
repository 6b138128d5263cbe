import type { CardSummary, ValidCard } from "./card";

export type DeclineReason = "card_declined" | "insufficient_funds";

/** The gateway's answer to one charge. Declines are answers, not errors. */
export type ChargeOutcome =
  | ({ status: "succeeded" } & CardSummary)
  | ({ status: "failed"; reason: DeclineReason; message: string } & CardSummary);

export type Gateway = {
  charge(request: {
    card: ValidCard;
    amountCents: number;
    currency: string;
  }): Promise<ChargeOutcome>;
};

/** Test cards with a fixed answer; every other valid number is approved. */
export const TEST_CARDS: Readonly<Record<string, { reason: DeclineReason; message: string }>> = {
  "4000000000000002": { reason: "card_declined", message: "Your card was declined." },
  "4000000000009995": {
    reason: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
};

export type GatewayOptions = {
  /** Latency bounds in milliseconds; real gateways answer in a few hundred. */
  minLatencyMs?: number;
  maxLatencyMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A simulated card gateway: answers after 100–500 ms (injectable), declines the documented test
 * cards and approves any other card that passed validation. It sees the full number only to
 * decide; what it returns carries the brand and last four digits alone.
 */
export const createSimulatedGateway = (opts: GatewayOptions = {}): Gateway => {
  const min = opts.minLatencyMs ?? 100;
  const max = opts.maxLatencyMs ?? 500;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  return {
    async charge({ card }) {
      await sleep(min + Math.floor(random() * (max - min + 1)));
      const summary = { brand: card.brand, last4: card.last4 };
      const decline = TEST_CARDS[card.number];
      if (decline) return { status: "failed", ...decline, ...summary };
      return { status: "succeeded", ...summary };
    },
  };
};
