"use client";

import { Countdown } from "@marquee/ui/countdown";
import { HoldWarning } from "../../../../components/hold-warning";
import { formatMoney } from "../../../../lib/format";
import type { OrderView } from "../../../../server/order-shapes";
import { seatLabel } from "@marquee/tickets/seat-label";

export const holdEndsAt = (cart: OrderView): string | null => {
  if (cart.expiresAt) return cart.expiresAt;
  const ends = cart.items.map((item) => Date.parse(item.expiresAt)).filter(Number.isFinite);
  return ends.length > 0 ? new Date(Math.min(...ends)).toISOString() : null;
};

/**
 * The cart beside the seat map: held seats, the time left, remove, and the way to checkout. An
 * order placed at payment and not paid yet shows the same way, without remove (it is no longer a
 * cart to change), so a customer back from checkout finds their seats here.
 */
export function CartPanel({
  cart,
  notice,
  busy,
  onRemove,
  onCheckout,
  onExpire,
  onExtended,
}: {
  cart: OrderView | null;
  notice: string | null;
  busy: boolean;
  onRemove: (reservationId: string) => void;
  onCheckout: () => void;
  onExpire: () => void;
  /** The cart after "Keep my seats" extended its holds. */
  onExtended: (cart: OrderView) => void;
}) {
  const seats = cart?.items.flatMap((item) =>
    item.seats.map((seat) => ({ ...seat, reservationId: item.reservationId })),
  );
  const ends = cart ? holdEndsAt(cart) : null;
  const placed = cart !== null && cart.status !== "draft";
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
          {ends ? <HoldWarning until={ends} order={cart} onExtended={onExtended} /> : null}
          <ul className="cart-seats">
            {seats.map((seat) => (
              <li key={seat.seatId}>
                <span>{seatLabel(seat)}</span>
                <span className="cart-price">{formatMoney(seat.priceCents, cart.currency)}</span>
                {placed ? null : (
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => onRemove(seat.reservationId)}
                    aria-label={`Remove ${seatLabel(seat)}`}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          <p className="cart-total">
            Total{" "}
            <strong data-testid="cart-total">{formatMoney(cart.totalCents, cart.currency)}</strong>
          </p>
          {placed ? (
            <p className="muted" data-testid="cart-awaiting-payment">
              This order is waiting for payment.
            </p>
          ) : null}
          <button type="button" className="button" disabled={busy} onClick={onCheckout}>
            Checkout
          </button>
        </>
      )}
    </aside>
  );
}
