import type { PaymentRow } from "../adapters/db/payment-store";

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
