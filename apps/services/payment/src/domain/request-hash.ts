import { createHmac } from "node:crypto";
import type { ValidCard } from "./card";

/**
 * Fingerprints a pay request so a replay can be told from a different request under the same key.
 * Keyed (HMAC) so the stored value cannot be brute-forced back into a card number, and the CVC is
 * left out altogether: it may never be stored in any form once the charge is decided.
 */
export const hashPayRequest = (
  secret: string,
  request: {
    orderId: string;
    card: ValidCard & { expMonth: number; expYear: number };
    amountCents: number | null;
  },
): string =>
  createHmac("sha256", secret)
    .update(
      JSON.stringify([
        request.orderId,
        request.card.number,
        request.card.expMonth,
        request.card.expYear < 100 ? 2000 + request.card.expYear : request.card.expYear,
        request.amountCents,
      ]),
    )
    .digest("hex");
