"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { SeatMapCanvas, seatKey } from "../../../../components/seat-map/seat-map-canvas";
import {
  applyChange,
  AVAILABLE,
  findSeat,
  seatInfo,
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
import { formatCount, formatMoney } from "../../../../lib/format";
import { withInstantsIn } from "../../../../lib/on-sale";
import { isOpenOrder } from "../../../../lib/open-order";
import {
  eventPathWithPick,
  PICK_PARAM,
  readPick,
  type PendingPick,
} from "../../../../lib/pending-pick";
import { trpc } from "../../../../lib/trpc";
import { useOneTimeParam } from "../../../../lib/use-one-time-param";
import type { OrderView } from "../../../../server/order-shapes";
import { BestAvailableForm, type BestAvailableRequest } from "./best-available-form";
import { CartBar } from "./cart-bar";
import { CartPanel } from "./cart-panel";
import { useLiveSeatMap } from "./use-live-seat-map";
import { WheelchairSpaceDialog } from "./wheelchair-space-dialog";
import { seatLabel } from "@marquee/tickets/seat-label";

// Shown only to a visitor who picks a seat signed out: its sign-in code and proof-of-work solver
// load then, not with every event page.
const GuestGate = dynamic(() => import("./guest-gate").then((module) => module.GuestGate), {
  ssr: false,
  loading: () => <LoadingState label="Loading sign-in…" />,
});

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

/** Whether the cart still shows a hold whose time has run out (ordering has not let it go yet). */
const stillHeldPastExpiry = (cart: Pick<OrderView, "status" | "expiresAt"> | null | undefined) =>
  cart?.status === "draft" && cart.expiresAt !== null && Date.parse(cart.expiresAt) <= Date.now();

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
  const { model, version, counts: total, bump, status, query } = useLiveSeatMap(eventId);
  // What a visitor picked before being asked who the seats are for.
  const [gateFor, setGateFor] = useState<PendingPick | null>(null);
  // A wheelchair space picked on the map, waiting for the customer to confirm it.
  const [confirmSpace, setConfirmSpace] = useState<SeatRef | null>(null);
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
  const holdBestAvailable = trpc.cart.holdBestAvailable.useMutation();
  const remove = trpc.cart.remove.useMutation();

  const mine = useMemo(() => {
    const keys = new Set<string>();
    if (!model || !isOpenOrder(cart)) return keys;
    for (const item of cart?.items ?? [])
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
      applyChange(model, { eventId, state: "held", seats: [[ref.section, ref.index]] });
      setNotice(null);
      setCart(order);
      bump();
    });

  // Best available: inventory chooses and holds; the new hold's seats show on the map and in the
  // cart exactly as hand-picked ones do.
  const holdBest = (request: BestAvailableRequest) =>
    run(async () => {
      if (!model) return;
      const before = new Set(cart?.items.map((item) => item.reservationId) ?? []);
      const order = await holdBestAvailable.mutateAsync({
        eventId,
        ...request,
        ...(admission ? { admission } : {}),
      });
      const added = order.items.find((item) => !before.has(item.reservationId));
      const seats = [...(added?.seats ?? [])].sort((a, b) => a.number - b.number);
      const refs = seats.flatMap((seat) => findSeat(model, seat) ?? []);
      applyChange(model, {
        eventId,
        state: "held",
        seats: refs.map((ref): [number, number] => [ref.section, ref.index]),
      });
      setNotice(seats.length > 0 ? `Held for you: ${seats.map(seatLabel).join("; ")}.` : null);
      setCart(order);
      bump();
    });

  const requestBest = (request: BestAvailableRequest) => {
    if (lockedReason) {
      setMessage(lockedReason);
      return;
    }
    if (!signedIn) {
      setGateFor({ best: request });
      return;
    }
    void holdBest(request);
  };

  const holdPending = (pick: PendingPick) =>
    "seat" in pick ? holdSeat(pick.seat) : holdBest(pick.best);

  // Back from the sign-in page the guest box linked to: hold what was picked before it, once,
  // and take it out of the address so a reload does not hold it again. Inventory's answer (taken,
  // not on sale yet…) shows as for any pick.
  const returnedPick = useOneTimeParam(PICK_PARAM);
  const pickTaken = useRef(false);
  const takeReturnedPick = useEffectEvent(() => {
    if (pickTaken.current || returnedPick.value === null || !signedIn || !model) return;
    pickTaken.current = true;
    returnedPick.drop();
    const pick = readPick(returnedPick.value);
    if (pick) void holdPending(pick);
  });
  useEffect(() => {
    // After this render has committed: holding updates state of its own.
    const soon = setTimeout(takeReturnedPick, 0);
    return () => clearTimeout(soon);
  }, [signedIn, model]);

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
      if (cart?.status !== "draft") {
        setMessage("That seat is in your order awaiting payment; pay for it at checkout.");
        return;
      }
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
    if (model.sections[ref.section]?.accessible.has(ref.index)) {
      setConfirmSpace(ref);
      return;
    }
    holdPicked(ref);
  };

  const holdPicked = (ref: SeatRef) => {
    if (!signedIn) {
      setGateFor({ seat: ref });
      return;
    }
    void holdSeat(ref);
  };

  // Either answer gives the focus back to the map (the guest box, if it opens, then takes it).
  const focusMap = () => document.getElementById("seat-map")?.focus();
  const confirmedSpace = () => {
    const ref = confirmSpace;
    setConfirmSpace(null);
    focusMap();
    if (ref) holdPicked(ref);
  };
  const cancelledSpace = () => {
    setConfirmSpace(null);
    focusMap();
  };

  // What a locked map said goes once the reason changes (the sale opened, the visitor was admitted).
  const [messageReason, setMessageReason] = useState(lockedReason);
  if (messageReason !== lockedReason) {
    setMessageReason(lockedReason);
    setMessage(null);
  }

  const onExpire = () => setExpiring(true);

  // Once ordering has let the expired hold go, say so and read the seats again.
  const [releases, setReleases] = useState(0);
  if (expiring && !stillHeldPastExpiry(cartQuery.data)) {
    setExpiring(false);
    setNotice(
      "Your hold expired, so those seats were released. Pick them again if they are still free.",
    );
    setReleases((count) => count + 1);
  }
  useEffect(() => {
    if (releases > 0) void query.refetch();
  }, [releases, query]);

  // The cart stays a cart until the customer pays (checkout.pay places it), so coming back from
  // the checkout page and picking another seat adds to the same cart.
  const goToCheckout = () => {
    if (cart) router.push(`/checkout/${cart.orderId}`);
  };

  const describe = (info: SeatInfo, isMine: boolean) =>
    `${seatLabel(info)}, ${info.tier} ${formatMoney(
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

  const spaceInfo = confirmSpace ? seatInfo(model, confirmSpace) : null;
  const held = cart && cart.status === "draft" && cart.items.length > 0 ? cart : null;
  return (
    <div className="seating" data-with-bar={held ? "" : undefined}>
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
            <span
              className="swatch swatch-wheelchair"
              style={{ background: tierColor(0) }}
              aria-hidden="true"
            />
            Wheelchair space, marked with a ring
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
          {formatCount(total.available)} available · {formatCount(total.held)} held ·{" "}
          {formatCount(total.sold)} sold
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
        <WheelchairSpaceDialog
          seat={spaceInfo ? seatLabel(spaceInfo) : null}
          onConfirm={confirmedSpace}
          onCancel={cancelledSpace}
        />
      </section>
      <div className="seating-side">
        {gateFor ? (
          <GuestGate
            callbackUrl={eventPathWithPick(eventId, gateFor)}
            onCancel={() => setGateFor(null)}
            onSignedIn={() => {
              const pending = gateFor;
              setGateFor(null);
              onSignedIn();
              void holdPending(pending);
            }}
          />
        ) : null}
        <BestAvailableForm
          tiers={model.tiers}
          sections={model.sections.map((section) => section.name)}
          currency={model.currency}
          busy={busy}
          onRequest={requestBest}
        />
        <CartPanel
          cart={isOpenOrder(cart) ? cart : null}
          notice={notice}
          busy={busy}
          onRemove={(id) => void removeHold(id)}
          onCheckout={() => void goToCheckout()}
          onExpire={onExpire}
          onExtended={setCart}
        />
      </div>
      {held ? <CartBar cart={held} busy={busy} onCheckout={() => void goToCheckout()} /> : null}
    </div>
  );
}
