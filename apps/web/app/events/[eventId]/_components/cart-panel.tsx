"use client";

import { Countdown } from "@marquee/ui/countdown";
import { formatMoney } from "../../../../lib/format";
import type { OrderView } from "../../../../server/order-shapes";

export const holdEndsAt = (cart: OrderView): string | null => {
  if (cart.expiresAt) return cart.expiresAt;
  const ends = cart.items.map((item) => Date.parse(item.expiresAt)).filter(Number.isFinite);
  return ends.length > 0 ? new Date(Math.min(...ends)).toISOString() : null;
};

/** The cart beside the seat map: held seats, the time left, remove, and the way to checkout. */
export function CartPanel({
  cart,
  notice,
  busy,
  onRemove,
  onCheckout,
  onExpire,
}: {
  cart: OrderView | null;
  notice: string | null;
  busy: boolean;
  onRemove: (reservationId: string) => void;
  onCheckout: () => void;
  onExpire: () => void;
}) {
  const seats = cart?.items.flatMap((item) =>
    item.seats.map((seat) => ({ ...seat, reservationId: item.reservationId })),
  );
  const ends = cart ? holdEndsAt(cart) : null;
  return (
    <aside className="cart-panel" aria-labelledby="cart-title" data-testid="cart">
      <h2 id="cart-title">Your seats</h2>
      {notice ? (
        <p className="cart-notice" role="status">
          {notice}
        </p>
      ) : null}
      {!cart || !seats || seats.length === 0 ? (
        <p className="muted">Pick seats on the map: they are held for you while you check out.</p>
      ) : (
        <>
          {ends ? <Countdown until={ends} onExpire={onExpire} /> : null}
          <ul className="cart-seats">
            {seats.map((seat) => (
              <li key={seat.seatId}>
                <span>
                  {seat.section}, row {seat.row}, seat {seat.number}
                </span>
                <span className="cart-price">{formatMoney(seat.priceCents, cart.currency)}</span>
                <button
                  type="button"
                  className="link-button"
                  disabled={busy}
                  onClick={() => onRemove(seat.reservationId)}
                  aria-label={`Remove ${seat.section}, row ${seat.row}, seat ${seat.number}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="cart-total">
            Total{" "}
            <strong data-testid="cart-total">{formatMoney(cart.totalCents, cart.currency)}</strong>
          </p>
          <button type="button" className="button" disabled={busy} onClick={onCheckout}>
            Checkout
          </button>
        </>
      )}
    </aside>
  );
}
