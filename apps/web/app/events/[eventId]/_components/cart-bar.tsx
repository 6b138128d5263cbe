"use client";

import { Countdown } from "@marquee/ui/countdown";
import { formatCount, formatMoney } from "../../../../lib/format";
import type { OrderView } from "../../../../server/order-shapes";
import { holdEndsAt } from "./cart-panel";

/**
 * On phones the cart sits below a tall seat map, out of sight: this bar stays at the bottom of
 * the screen while seats are held, with how many, the total, the hold's time left and Checkout.
 * Hidden on wider screens, where the cart panel is beside the map.
 */
export function CartBar({
  cart,
  busy,
  onCheckout,
}: {
  cart: OrderView;
  busy: boolean;
  onCheckout: () => void;
}) {
  const seats = cart.items.reduce((sum, item) => sum + item.seats.length, 0);
  const ends = holdEndsAt(cart);
  return (
    <section className="cart-bar" aria-label="Your cart" data-testid="cart-bar">
      <p className="cart-bar-summary">
        <strong>
          {formatCount(seats)} {seats === 1 ? "seat" : "seats"} held
        </strong>{" "}
        · {formatMoney(cart.totalCents, cart.currency)}
      </p>
      {ends ? <Countdown until={ends} label="Held for" /> : null}
      <button type="button" className="button" disabled={busy} onClick={onCheckout}>
        Checkout
      </button>
    </section>
  );
}
