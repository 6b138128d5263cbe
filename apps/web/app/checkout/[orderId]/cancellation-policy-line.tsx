"use client";

import { describeCancellationPolicy } from "../../../lib/cancellation-policy";
import { trpc } from "../../../lib/trpc";

/** The event's cancellation policy, stated beside the seats before the buyer pays. */
export function CancellationPolicyLine({
  eventId,
  currency,
}: {
  eventId: string;
  currency: string;
}) {
  const event = trpc.events.byId.useQuery({ eventId });
  if (!event.data) return null;
  return (
    <p className="checkout-cancellation" data-testid="cancellation-policy">
      {describeCancellationPolicy(event.data.cancellation, {
        startsAt: event.data.startsAt,
        timeZone: event.data.timeZone,
        currency,
      })}
    </p>
  );
}
