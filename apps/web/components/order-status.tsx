/** What each order status means, in words (the customer's orders, the organizer's orders of an event). */
const LABELS = {
  draft: "In your cart",
  pending: "Awaiting payment",
  paid: "Paid, confirming seats",
  confirmed: "Confirmed",
  fulfilled: "Tickets issued",
  payment_failed: "Payment failed",
  expired: "Expired",
  cancelled: "Cancelled",
  failed: "Failed, refunded if paid",
  refunded: "Refunded",
} as const;

export type OrderStatusValue = keyof typeof LABELS;

/** An order's status as a labelled badge (text, not colour alone). */
export function OrderStatus({ status }: { status: OrderStatusValue }) {
  return (
    <span className="status-badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
