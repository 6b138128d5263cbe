import type { PaymentRow, RefundRow } from "../adapters/db/payment-store";

/**
 * A payment as the API returns it: card reduced to brand and last four, instants as ISO strings.
 * `pay` answers only settled payments; an order's history may show one still `processing`.
 */
export type PaymentView = {
  paymentId: string;
  orderId: string;
  status: "processing" | "succeeded" | "failed";
  amountCents: number;
  currency: string;
  card: { brand: string; last4: string };
  failure: { reason: string; message: string } | null;
  createdAt: string;
};

export const toPaymentView = (row: PaymentRow): PaymentView => ({
  paymentId: row.id,
  orderId: row.orderId,
  status: row.status,
  amountCents: row.amountCents,
  currency: row.currency,
  card: { brand: row.cardBrand, last4: row.cardLast4 },
  failure:
    row.status === "failed"
      ? { reason: row.failureReason ?? "processing_error", message: row.failureMessage ?? "" }
      : null,
  createdAt: new Date(row.createdAt).toISOString(),
});

/** A refund as the API returns it. */
export type RefundView = {
  refundId: string;
  amountCents: number;
  reason: string;
  kind: RefundRow["kind"];
  seatIds: string[];
  createdAt: string;
};

/**
 * A payment in an order's history: the payment, its refunds oldest first and what they add up
 * to. `refund` is the first of them (kept for callers from when a payment had at most one).
 */
export type PaymentHistoryView = PaymentView & {
  refund: RefundView | null;
  refunds: RefundView[];
  refundedCents: number;
};

export const toRefundView = (row: RefundRow): RefundView => ({
  refundId: row.id,
  amountCents: row.amountCents,
  reason: row.reason,
  kind: row.kind,
  seatIds: row.seatIds,
  createdAt: new Date(row.createdAt).toISOString(),
});

export const toPaymentHistoryView = (
  row: PaymentRow,
  refunds: readonly RefundRow[],
): PaymentHistoryView => {
  const own = refunds.filter((r) => r.paymentId === row.id).map(toRefundView);
  return {
    ...toPaymentView(row),
    refund: own[0] ?? null,
    refunds: own,
    refundedCents: own.reduce((sum, r) => sum + r.amountCents, 0),
  };
};
