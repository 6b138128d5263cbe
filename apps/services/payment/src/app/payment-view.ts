import type { PaymentRow, RefundRow } from "../adapters/db/payment-store";

/** A payment as the API returns it: card reduced to brand and last four, instants as ISO strings. */
export type PaymentView = {
  paymentId: string;
  orderId: string;
  status: "succeeded" | "failed";
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
  createdAt: string;
};

/** A payment in an order's history: the payment plus its refund, if it was given back. */
export type PaymentHistoryView = PaymentView & { refund: RefundView | null };

export const toRefundView = (row: RefundRow): RefundView => ({
  refundId: row.id,
  amountCents: row.amountCents,
  reason: row.reason,
  createdAt: new Date(row.createdAt).toISOString(),
});

export const toPaymentHistoryView = (
  row: PaymentRow,
  refunds: readonly RefundRow[],
): PaymentHistoryView => {
  const refund = refunds.find((r) => r.paymentId === row.id);
  return { ...toPaymentView(row), refund: refund ? toRefundView(refund) : null };
};
