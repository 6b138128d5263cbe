"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { useEffect, useRef, useState } from "react";
import { formatMoney } from "../../../lib/format";
import { OrderStatus } from "../../../components/order-status";
import type { OrderView } from "../../../server/order-shapes";
import { trpc } from "../../../lib/trpc";
import { seatLabel } from "@marquee/tickets/seat-label";

type EventOrder = OrderView;

// Refunds land through Kafka; the list follows them.
const REFRESH_MS = 3_000;

/** One order: its seats (refunded ones marked) and the refund form. */
function OrderRow({ order }: { order: EventOrder }) {
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [seatsTo, setSeatsTo] = useState<"available" | "blocked">("blocked");
  // The form takes the focus on its first seat when it opens, and gives it back to "Refund…" when
  // it closes (kept, or refunded with seats left), so a keyboard user is never dropped at the top.
  const form = useRef<HTMLFormElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) form.current?.querySelector("input")?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const refund = trpc.organizer.refundOrder.useMutation({
    onSuccess: async () => {
      setOpen(false);
      setChosen([]);
      setReason("");
      await utils.organizer.orders.invalidate();
    },
  });
  // A refund payment refused gave nothing back: its seats may be refunded again.
  const standing = order.refunds.filter((r) => r.status !== "refused");
  const refunded = new Set(standing.flatMap((r) => r.seatIds));
  const wholeOrderRefunded = standing.some((r) => r.kind === "event-cancelled");
  const seats = order.items.flatMap((item) => item.seats);
  const refundable = seats.filter((s) => !refunded.has(s.seatId) && !wholeOrderRefunded);
  const amount = (
    chosen.length > 0 ? refundable.filter((s) => chosen.includes(s.seatId)) : refundable
  ).reduce((sum, s) => sum + s.priceCents, 0);
  const formId = `refund-${order.orderId}`;

  return (
    <li className="stack" data-testid="event-order">
      <p>
        <strong>{order.email}</strong> · {formatMoney(order.totalCents, order.currency)}
        {order.refundedCents > 0
          ? ` · ${formatMoney(order.refundedCents, order.currency)} refunded`
          : ""}{" "}
        · <OrderStatus status={order.status} />
      </p>
      <p>
        {seats.map((s) => (
          <span key={s.seatId} className="seat-chip">
            {seatLabel(s)}
            {refunded.has(s.seatId) || wholeOrderRefunded ? " (refunded)" : ""}{" "}
          </span>
        ))}
      </p>
      {order.refunds
        .filter((r) => r.status === "refused")
        .map((r) => (
          <p key={r.requestId} className="field-error">
            Refund not made: {r.refusal ?? "refused by payment"}
          </p>
        ))}
      {order.refunds.some((r) => r.status === "requested") ? (
        <p role="status">Refund in progress…</p>
      ) : null}
      {refundable.length === 0 ||
      !["confirmed", "fulfilled"].includes(order.status) ? null : open ? (
        <form
          ref={form}
          id={formId}
          className="stack"
          aria-label={`Refund order of ${order.email}`}
          onSubmit={(e) => {
            e.preventDefault();
            refund.mutate({ orderId: order.orderId, seatIds: chosen, reason, seatsTo });
          }}
        >
          <fieldset>
            <legend>Seats to refund (none ticked: the whole order)</legend>
            {refundable.map((s) => (
              <label key={s.seatId}>
                <input
                  type="checkbox"
                  checked={chosen.includes(s.seatId)}
                  onChange={(e) =>
                    setChosen((now) =>
                      e.target.checked ? [...now, s.seatId] : now.filter((id) => id !== s.seatId),
                    )
                  }
                />{" "}
                {seatLabel(s)} · {formatMoney(s.priceCents, order.currency)}
              </label>
            ))}
          </fieldset>
          <label>
            Reason (the buyer reads it)
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </label>
          <fieldset>
            <legend>The seats afterwards</legend>
            <label>
              <input
                type="radio"
                name={`${formId}-to`}
                checked={seatsTo === "blocked"}
                onChange={() => setSeatsTo("blocked")}
              />{" "}
              Keep them off sale
            </label>
            <label>
              <input
                type="radio"
                name={`${formId}-to`}
                checked={seatsTo === "available"}
                onChange={() => setSeatsTo("available")}
              />{" "}
              Put them back on sale
            </label>
          </fieldset>
          <div role="alert" className="form-error">
            {refund.error?.message}
          </div>
          <button type="submit" className="button button-danger" disabled={refund.isPending}>
            {refund.isPending ? "Refunding…" : `Refund ${formatMoney(amount, order.currency)}`}
          </button>
          <button type="button" className="link-button" onClick={() => setOpen(false)}>
            Keep the order
          </button>
        </form>
      ) : (
        <button
          ref={opener}
          type="button"
          className="button button-secondary"
          onClick={() => setOpen(true)}
        >
          Refund…
        </button>
      )}
    </li>
  );
}

/** The event's paid orders, each refundable in whole or by seat (ordering's refundOrder). */
export function EventOrdersPanel({ eventId }: { eventId: string }) {
  const orders = trpc.organizer.orders.useQuery({ eventId }, { refetchInterval: REFRESH_MS });
  return (
    <section aria-labelledby="orders-title" className="panel stack">
      <h2 id="orders-title">Orders</h2>
      {orders.isPending ? (
        <LoadingState label="Loading orders…" />
      ) : orders.isError ? (
        <ErrorNotice message={orders.error.message} onRetry={() => void orders.refetch()} />
      ) : orders.data.length === 0 ? (
        <p>No paid orders yet.</p>
      ) : (
        <ul className="stack">
          {orders.data.map((order) => (
            <OrderRow key={order.orderId} order={order} />
          ))}
        </ul>
      )}
    </section>
  );
}
