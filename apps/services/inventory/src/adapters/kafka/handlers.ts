import { ignore, type HandlerMap } from "@marquee/events/consumer";
import { onEventSettingsChanged } from "./on-event-settings-changed";
import { onPaymentSucceeded } from "./on-payment-succeeded";
import { onSeatsGenerated } from "./on-seats-generated";

/** Consumer group `inventory.catalog`: seat stock and per-event hold settings. */
export const catalogHandlers: HandlerMap<"catalog.events"> = {
  "catalog.seats-generated": onSeatsGenerated,
  "catalog.event-published": onEventSettingsChanged,
  "catalog.event-updated": onEventSettingsChanged,
};

/** Consumer group `inventory.payments`: paid holds become sales. */
export const paymentHandlers: HandlerMap<"payment.payments"> = {
  "payment.payment-succeeded": onPaymentSucceeded,
  // A declined card leaves the hold to run its course; a refund needs no change to seats.
  "payment.payment-failed": ignore,
  "payment.payment-refunded": ignore,
};
