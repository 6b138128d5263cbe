"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { SeatMapCanvas, seatKey } from "../../../../components/seat-map/seat-map-canvas";
import {
  AVAILABLE,
  counts,
  findSeat,
  HELD,
  STATE_NAMES,
  type SeatInfo,
  type SeatRef,
} from "@marquee/ui/seat-map-model";
import {
  tierColor,
  HELD_COLOR,
  MINE_COLOR,
  SOLD_COLOR,
} from "../../../../components/seat-map/seat-colors";
import { formatMoney } from "../../../../lib/format";
import { withInstantsIn } from "../../../../lib/on-sale";
import { trpc } from "../../../../lib/trpc";
import type { OrderView } from "../../../../server/order-shapes";
import { CartPanel } from "./cart-panel";
import { GuestGate } from "./guest-gate";
import { useLiveSeatMap } from "./use-live-seat-map";

type Props = {
  eventId: string;
  eventName: string;
  /** The event's zone, for times in the services' messages. */
  timeZone: string;
  signedIn: boolean;
  onSignedIn: () => void;
  /** Why seats cannot be held right now (before the opening, after the close, not admitted). */
  lockedReason: string | null;
  /** The waiting room's admission token, sent with every hold; null without a waiting room. */
  admission: string | null;
};

const LIVE_TEXT = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" };

/**
 * The event page's interactive part: the live seat map, holding seats, and the cart. While
 * `lockedReason` is set the map shows but picking a seat says why it cannot be held.
 */
export function EventSeating({
  eventId,
  eventName,
  timeZone,
  signedIn,
  onSignedIn,
  lockedReason,
  admission,
}: Props) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const { model, version, bump, status, query } = useLiveSeatMap(eventId);
  const [gateFor, setGateFor] = useState<SeatRef | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const working = useRef(false);
  const [busy, setBusy] = useState(false);

  // After the countdown ends, ask every second until ordering has let the expired hold go.
  const [expiring, setExpiring] = useState(false);
  const cartQuery = trpc.cart.forEvent.useQuery(
    { eventId },
    { enabled: signedIn, refetchInterval: expiring ? 1000 : false },
  );
  const cart = cartQuery.data ?? null;
  const hold = trpc.cart.hold.useMutation();
  const remove = trpc.cart.remove.useMutation();
  const checkout = trpc.cart.checkout.useMutation();

  const mine = useMemo(() => {
    const keys = new Set<string>();
    if (!model || !cart || cart.status !== "draft") return keys;
    for (const item of cart.items)
      for (const seat of item.seats) {
        const ref = findSeat(model, seat);
        if (ref) keys.add(seatKey(ref));
      }
    return keys;
  }, [model, cart]);

  const run = async (action: () => Promise<void>) => {
    if (working.current) return;
    working.current = true;
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (error) {
      setMessage(
        error instanceof Error
          ? withInstantsIn(error.message, timeZone)
          : "That did not work. Please try again.",
      );
      // A refused admission (window over, paused room) shows in the waiting room at once.
      if (admission) void utils.waitingRoom.status.invalidate({ eventId });
    } finally {
      working.current = false;
      setBusy(false);
    }
  };

  const setCart = (order: OrderView | null) => utils.cart.forEvent.setData({ eventId }, order);

  const holdSeat = (ref: SeatRef) =>
    run(async () => {
      if (!model) return;
      const { seatIds } = await utils.events.seatIds.fetch({ eventId, section: ref.section });
      const seatId = seatIds[ref.index];
      if (!seatId) throw new Error("That seat is not on sale.");
      const order = await hold.mutateAsync({
        eventId,
        seatIds: [seatId],
        ...(admission ? { admission } : {}),
      });
      const states = model.sections[ref.section]?.states;
      if (states) states[ref.index] = HELD;
      setNotice(null);
      setCart(order);
      bump();
    });

  const removeHold = (reservationId: string) =>
    run(async () => {
      if (!cart) return;
      const order = await remove.mutateAsync({ orderId: cart.orderId, reservationId });
      setCart(order);
      setNotice("Removed; the seat is back on sale.");
    });

  const onActivate = (ref: SeatRef) => {
    if (!model) return;
    if (mine.has(seatKey(ref))) {
      const item = cart?.items.find((i) =>
        i.seats.some((s) => {
          const found = findSeat(model, s);
          return found?.section === ref.section && found.index === ref.index;
        }),
      );
      if (item) void removeHold(item.reservationId);
      return;
    }
    if (lockedReason) {
      setMessage(lockedReason);
      return;
    }
    if (model.sections[ref.section]?.states[ref.index] !== AVAILABLE) {
      setMessage("That seat is already taken. Please pick another one.");
      return;
    }
    if (!signedIn) {
      setGateFor(ref);
      return;
    }
    void holdSeat(ref);
  };

  // What a locked map said goes once the reason changes (the sale opened, the visitor was admitted).
  useEffect(() => setMessage(null), [lockedReason]);

  const onExpire = () => setExpiring(true);

  useEffect(() => {
    if (!expiring) return;
    const current = cartQuery.data;
    const stillHeld =
      current?.status === "draft" &&
      current.expiresAt !== null &&
      Date.parse(current.expiresAt) <= Date.now();
    if (stillHeld) return;
    setExpiring(false);
    setNotice(
      "Your hold expired, so those seats were released. Pick them again if they are still free.",
    );
    void query.refetch();
  }, [expiring, cartQuery.data, query]);

  const goToCheckout = () =>
    run(async () => {
      if (!cart) return;
      const order = await checkout.mutateAsync({ orderId: cart.orderId });
      router.push(`/checkout/${order.orderId}`);
    });

  const describe = (info: SeatInfo, isMine: boolean) =>
    `${info.section}, row ${info.row}, seat ${info.number}, ${info.tier} ${formatMoney(
      info.priceCents,
      model?.currency ?? "EUR",
    )}, ${isMine ? "in your cart" : STATE_NAMES[info.state]}${info.accessible ? ", wheelchair space" : ""}`;

  if (query.isError && !model) {
    return (
      <ErrorNotice
        title="The seat map could not be loaded"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (!model) return <LoadingState label="Loading the seat map…" />;

  const total = counts(model);
  return (
    <div className="seating">
      <section className="seating-map" aria-labelledby="seatmap-title">
        <div className="seating-head">
          <h2 id="seatmap-title">Choose your seats</h2>
          <span className={`live-badge live-${status}`} data-testid="live-status">
            {LIVE_TEXT[status]}
          </span>
        </div>
        <ul className="legend" aria-label="Legend">
          {model.tiers.map((tier, i) => (
            <li key={tier.name}>
              <span className="swatch" style={{ background: tierColor(i) }} aria-hidden="true" />
              {tier.name} {formatMoney(tier.priceCents, model.currency)}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: MINE_COLOR }} aria-hidden="true" />
            Your seats
          </li>
          <li>
            <span className="swatch" style={{ background: HELD_COLOR }} aria-hidden="true" />
            Taken
          </li>
          <li>
            <span className="swatch" style={{ background: SOLD_COLOR }} aria-hidden="true" />
            Sold
          </li>
        </ul>
        <p className="availability" data-testid="availability">
          {total.available} available · {total.held} held · {total.sold} sold
        </p>
        {message ? (
          <p className="form-error" role="alert" data-testid="seat-map-message">
            {message}
          </p>
        ) : lockedReason ? (
          <p className="seatmap-locked" data-testid="seat-map-locked">
            {lockedReason}
          </p>
        ) : null}
        <SeatMapCanvas
          model={model}
          version={version}
          mine={mine}
          label={`Seat map of ${eventName}`}
          describe={describe}
          onActivate={onActivate}
        />
      </section>
      <div className="seating-side">
        {gateFor ? (
          <GuestGate
            callbackUrl={`/events/${eventId}`}
            onCancel={() => setGateFor(null)}
            onSignedIn={() => {
              const ref = gateFor;
              setGateFor(null);
              onSignedIn();
              void holdSeat(ref);
            }}
          />
        ) : null}
        <CartPanel
          cart={cart && cart.status === "draft" ? cart : null}
          notice={notice}
          busy={busy}
          onRemove={(id) => void removeHold(id)}
          onCheckout={() => void goToCheckout()}
          onExpire={onExpire}
        />
      </div>
    </div>
  );
}
