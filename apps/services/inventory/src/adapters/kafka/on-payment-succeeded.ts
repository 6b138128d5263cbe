import type { EventHandler } from "@marquee/events/consumer";
import type { EventOfType } from "@marquee/events/registry";
import { confirmPaidReservations } from "../../app/confirm-paid-reservations";

export const onPaymentSucceeded: EventHandler<EventOfType<"payment.payment-succeeded">> = async (
  event,
  { tx, log },
) => {
  const outcomes = await confirmPaidReservations(tx, event);
  log.info({ orderId: event.data.orderId, outcomes }, "paid reservations settled");
};
