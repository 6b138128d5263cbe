import { ignore, type HandlerMap } from "@marquee/events/consumer";
import { releaseOrderHolds } from "../../app/release-order-holds";
import { unpinFailedPaymentHolds } from "../../app/unpin-failed-payment-holds";
import { returnRefundedSeats } from "../../app/return-refunded-seats";
import { onEventSettingsChanged } from "./on-event-settings-changed";
import { onPaymentSucceeded } from "./on-payment-succeeded";
import { onSeatsGenerated } from "./on-seats-generated";

/** Consumer group `inventory.catalog`: seat stock and per-event hold settings. */
export const catalogHandlers: HandlerMap<"catalog.events"> = {
  "catalog.seats-generated": onSeatsGenerated,
  "catalog.event-published": onEventSettingsChanged,
  "catalog.event-updated": onEventSettingsChanged,
};

/** Consumer group `inventory.payments`: paid holds become sales; failed payments unpin holds. */
export const paymentHandlers: HandlerMap<"payment.payments"> = {
  "payment.payment-succeeded": onPaymentSucceeded,
  // No charge: the holds this payment pinned run their course again.
  "payment.payment-failed": async (event, { tx, log }) => {
    const unpinned = await unpinFailedPaymentHolds(tx, event.data.paymentId);
    log.info({ paymentId: event.data.paymentId, unpinned }, "holds of a failed payment unpinned");
  },
  // Refunded seats the organizer put back on sale become available again.
  "payment.payment-refunded": async (event, { tx, log }) => {
    await returnRefundedSeats(tx, event, log);
  },
  // No money went back, so the seats stay sold.
  "payment.refund-refused": ignore,
};

/** Consumer group `inventory.orders`: a cancelled order gives its holds back. */
export const orderingHandlers: HandlerMap<"ordering.orders"> = {
  "ordering.order-cancelled": async (event, { tx, log }) => {
    const released = await releaseOrderHolds(tx, event);
    log.info({ orderId: event.data.orderId, released }, "holds of a cancelled order released");
  },
  // Placing, confirming, expiring or failing an order changes no seat: holds expire on their own
  // and payment-succeeded sells them.
  "ordering.order-placed": ignore,
  "ordering.order-confirmed": ignore,
  "ordering.order-expired": ignore,
  "ordering.order-failed": ignore,
  // Seats change only once the money is back (payment-refunded).
  "ordering.refund-requested": ignore,
};
