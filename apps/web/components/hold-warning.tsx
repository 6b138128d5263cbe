"use client";

import { useEffect, useRef, useState } from "react";
import { canExtendHold, holdsToExtend, msUntilHoldWarning } from "../lib/hold-warning";
import { trpc } from "../lib/trpc";
import type { OrderView } from "../server/order-shapes";

const minutesText = (minutes: number) => `${minutes} more minute${minutes === 1 ? "" : "s"}`;

const clockTime = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/**
 * Two minutes before the hold on the customer's seats ends, says so in words, in an assertive
 * live region that is on the page from the start (so screen readers announce the change), not
 * only through the countdown's colour. When the event allows it and the holds ending first were
 * never extended, it offers to keep the seats longer, once ("Keep my seats 5 more minutes");
 * the result, or inventory's refusal, is announced in words and takes the focus.
 */
export function HoldWarning({
  until,
  order,
  onExtended,
}: {
  until: string;
  order: Pick<OrderView, "orderId" | "eventId" | "items">;
  onExtended: (order: OrderView) => void;
}) {
  // The hold end the warning is due for; a new end (another seat, an extension) starts over.
  const [dueFor, setDueFor] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDueFor(until), msUntilHoldWarning(until, Date.now()));
    return () => clearTimeout(timer);
  }, [until]);
  const event = trpc.events.byId.useQuery({ eventId: order.eventId });
  const minutes = event.data?.holdExtensionMinutes ?? 0;
  const extend = trpc.cart.extend.useMutation();
  const [result, setResult] = useState<string | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const due = dueFor === until;
  const offer = due && canExtendHold(order.items, until, minutes);

  const keepSeats = async () => {
    setResult(null);
    try {
      const extended = await extend.mutateAsync({
        orderId: order.orderId,
        reservationIds: holdsToExtend(order.items, until),
      });
      onExtended(extended);
      const ends = extended.expiresAt ?? until;
      setResult(`Done: your seats are held ${minutesText(minutes)}, until ${clockTime(ends)}.`);
    } catch (error) {
      setResult(error instanceof Error ? error.message : "Your seats could not be kept longer.");
    }
    resultRef.current?.focus();
  };

  return (
    <>
      <div role="alert" data-testid="hold-warning">
        {due ? (
          <p className="form-error">
            Your seats are held for less than 2 more minutes. Check out now, or they go back on
            sale.
          </p>
        ) : null}
      </div>
      {offer ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={extend.isPending}
          onClick={() => void keepSeats()}
        >
          Keep my seats {minutesText(minutes)}
        </button>
      ) : null}
      <p role="status" data-testid="hold-extension-result" tabIndex={-1} ref={resultRef}>
        {result}
      </p>
    </>
  );
}
