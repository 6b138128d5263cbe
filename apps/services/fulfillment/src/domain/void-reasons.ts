/**
 * Why a ticket is void, as the door says it ("Ticket void: <reason>"). Only an event's
 * cancellation voids tickets so far; refunds and transfers will add their reasons here.
 */
export const EVENT_CANCELLED_REASON = "the event was cancelled";

/** The organizer refunded the ticket, or its buyer cancelled it within the event's policy. */
export const REFUNDED_REASON = "the ticket was refunded";

/** The ticket was sent to someone else, who holds a new one with new codes. */
export const TRANSFERRED_REASON = "transferred to another holder";

/**
 * Inventory could not sell the order its seats after all (its payment reached inventory after the
 * holds' pin had lapsed and the seats were someone else's); the payment is refunded.
 */
export const ORDER_FAILED_REASON = "the order failed and its payment is refunded";
