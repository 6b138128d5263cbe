import { fail, ok, type Result } from "@marquee/service/result";

/** Why a refund request is not carried out; none of these writes anything. */
export type RefundRefusal =
  | { kind: "nothing-to-refund"; paidCents: number; refundedCents: number }
  | {
      kind: "refund-exceeds-payment";
      requestedCents: number;
      paidCents: number;
      refundedCents: number;
    };

/**
 * How much a refund gives back. `requestedCents` null means "whatever is left"; a number must fit
 * in what is left, since refunds of a payment never add up to more than it took. Refusals are
 * values: the caller logs them and writes nothing.
 */
export const decideRefundAmount = (
  paidCents: number,
  refundedCents: number,
  requestedCents: number | null,
): Result<number, RefundRefusal> => {
  const left = paidCents - refundedCents;
  if (requestedCents === null) {
    return left > 0 ? ok(left) : fail({ kind: "nothing-to-refund", paidCents, refundedCents });
  }
  if (requestedCents <= 0 || left <= 0) {
    return fail({ kind: "nothing-to-refund", paidCents, refundedCents });
  }
  if (requestedCents > left) {
    return fail({ kind: "refund-exceeds-payment", requestedCents, paidCents, refundedCents });
  }
  return ok(requestedCents);
};
