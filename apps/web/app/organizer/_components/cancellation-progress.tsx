"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { formatCount, formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";

// Refunds land one order at a time; the organizer watches them come in.
const REFRESH_MS = 2_000;

/**
 * Where a cancelled event's refunds stand (ordering's saga): "18 of 40 orders refunded" while it
 * runs, then the end state. Polls until done.
 */
export function CancellationProgress({ eventId }: { eventId: string }) {
  const progress = trpc.organizer.cancellation.useQuery(
    { eventId },
    { refetchInterval: (query) => (query.state.data?.done ? false : REFRESH_MS) },
  );
  if (progress.isPending) return <LoadingState label="Loading the refunds…" />;
  if (progress.isError) {
    return <ErrorNotice message={progress.error.message} onRetry={() => void progress.refetch()} />;
  }
  const p = progress.data;
  const refunded = `${formatCount(p.ordersRefunded)} of ${formatCount(p.ordersToRefund)} ${p.ordersToRefund === 1 ? "order" : "orders"} refunded`;
  const money =
    p.refundedCents > 0 ? ` (${formatMoney(p.refundedCents, p.currency ?? "EUR")} back)` : "";
  // Refunds payment would not make (no payment, nothing left); each order names the reason.
  const refused =
    p.ordersRefused > 0
      ? ` ${formatCount(p.ordersRefused)} ${p.ordersRefused === 1 ? "refund was" : "refunds were"} refused; see the orders below.`
      : "";
  return (
    <div
      className="cancellation-progress"
      role="status"
      aria-live="polite"
      data-testid="cancellation-progress"
      data-done={p.done ? "true" : "false"}
    >
      {!p.cancelled ? (
        <p>Starting the refunds…</p>
      ) : p.done ? (
        <p>
          Cancellation complete: {refunded}
          {money}.{refused} Every ticket is void and each buyer has been emailed.
        </p>
      ) : (
        <>
          <p>
            Refunding: {refunded}
            {money}.
          </p>
          <progress
            max={Math.max(p.ordersToRefund, 1)}
            value={p.ordersRefunded}
            aria-label="Orders refunded"
          />
          {p.openOrders > 0 ? (
            <p className="field-hint">
              Closing {formatCount(p.openOrders)} open {p.openOrders === 1 ? "cart" : "carts"}…
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
