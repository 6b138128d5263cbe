"use client";

import Link from "next/link";
import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent } from "react";
import { trpc } from "../../../../lib/trpc";
import { useOneTimeParam } from "../../../../lib/use-one-time-param";

/** The offer link's parameter: `/events/<id>?offer=<reservationId>` (notification's email). */
export const OFFER_PARAM = "offer";

type Props = {
  eventId: string;
  /** Signed in as a customer or an organizer (guests cannot join: inventory refuses them). */
  account: boolean;
  /** Signed in as a guest. */
  guest: boolean;
};

const QUANTITIES = Array.from({ length: 10 }, (_, i) => i + 1);

/** Inventory names the field a refusal is about ("section: …", "quantity: …"). */
const fieldOf = (message: string): "quantity" | "section" | null =>
  message.startsWith("quantity:") ? "quantity" : message.startsWith("section:") ? "section" : null;

const seats = (n: number) => (n === 1 ? "1 seat" : `${n} seats`);

/**
 * The event's waiting list, where it is sold out (or some sections are): a customer joins with a
 * number of seats, sees their place in line and can leave; guests and visitors are asked to sign
 * in. An offer's link (`?offer=`) puts the held seats in the cart, where they count down as any
 * hold does.
 */
export function WaitingList({ eventId, account, guest }: Props) {
  const id = useId();
  const utils = trpc.useUtils();
  const status = trpc.waitingList.status.useQuery({ eventId }, { refetchInterval: 15_000 });
  const join = trpc.waitingList.join.useMutation();
  const leave = trpc.waitingList.leave.useMutation();
  const takeOffer = trpc.waitingList.takeOffer.useMutation();
  const [quantity, setQuantity] = useState("2");
  const [section, setSection] = useState("");
  const [error, setError] = useState<{ field: "quantity" | "section" | null; text: string } | null>(
    null,
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [offerError, setOfferError] = useState<string | null>(null);

  // The offer link: put the offered hold in the cart once, then take it out of the address so a
  // reload does not ask again (asking again would only answer the same cart).
  const offer = useOneTimeParam(OFFER_PARAM);
  const offerTaken = useRef(false);
  const takeOfferOnce = useEffectEvent(() => {
    if (offerTaken.current || offer.value === null || !account) return;
    offerTaken.current = true;
    offer.drop();
    takeOffer
      .mutateAsync({ reservationId: offer.value })
      .then((order) => {
        utils.cart.forEvent.setData({ eventId }, order);
        void utils.waitingList.status.invalidate({ eventId });
        setNotice("The seats offered to you are in your cart. Pay before their time runs out.");
      })
      .catch((e: unknown) =>
        setOfferError(
          e instanceof Error ? e.message : "The offered seats could not be put in your cart.",
        ),
      );
  });
  useEffect(() => {
    const soon = setTimeout(takeOfferOnce, 0);
    return () => clearTimeout(soon);
  }, [account]);

  const data = status.data;
  const entry = data?.entry ?? null;
  const soldOutSections = (data?.sections ?? []).filter((s) => s.freeSeats === 0);
  const soldOut = data !== undefined && data.freeSeats === 0 && data.sections.length > 0;
  const open = entry?.status === "waiting" || entry?.status === "offered";
  const signInHref = (path: string) => `/sign-in?callbackUrl=${encodeURIComponent(path)}`;

  const offerBox =
    offer.value !== null && !account ? (
      <p className="waiting-list-notice" role="status">
        Seats are being held for you from the waiting list.{" "}
        <Link
          href={signInHref(`/events/${eventId}?${OFFER_PARAM}=${encodeURIComponent(offer.value)}`)}
        >
          Sign in with the account you joined with
        </Link>{" "}
        to put them in your cart.
      </p>
    ) : null;

  if (!data || (!open && !soldOut && soldOutSections.length === 0)) {
    return (
      <>
        {offerBox}
        <p className="visually-hidden" aria-live="polite">
          {notice ?? ""}
        </p>
        {offerError ? (
          <p className="error-notice" role="alert">
            {offerError}
          </p>
        ) : null}
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    join
      .mutateAsync({
        eventId,
        quantity: Number(quantity),
        ...(section ? { section } : soldOut ? {} : { section: soldOutSections[0]?.section ?? "" }),
      })
      .then(async (joined) => {
        await utils.waitingList.status.invalidate({ eventId });
        setNotice(`You are on the waiting list, number ${joined.position ?? "?"} in line.`);
      })
      .catch((e: unknown) => {
        const text = e instanceof Error ? e.message : "That did not work. Please try again.";
        setError({ field: fieldOf(text), text });
      });
  };

  const leaveList = () => {
    setError(null);
    leave
      .mutateAsync({ eventId })
      .then(async () => {
        await utils.waitingList.status.invalidate({ eventId });
        setNotice("You left the waiting list.");
      })
      .catch((e: unknown) =>
        setError({
          field: null,
          text: e instanceof Error ? e.message : "That did not work. Please try again.",
        }),
      );
  };

  return (
    <section className="waiting-list" aria-labelledby={`${id}-title`} data-testid="waiting-list">
      <h2 id={`${id}-title`}>Waiting list</h2>
      {offerBox}
      {offerError ? (
        <p className="error-notice" role="alert">
          {offerError}
        </p>
      ) : null}
      <p aria-live="polite" className={notice ? "waiting-list-notice" : "visually-hidden"}>
        {notice ?? ""}
      </p>
      {entry?.status === "waiting" ? (
        <>
          <p data-testid="waiting-list-place">
            You are number {entry.position} in line for {seats(entry.quantity)}
            {entry.section ? ` in ${entry.section}` : ""}. When seats come back we hold them for you
            and email you a link.
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={leaveList}
            disabled={leave.isPending}
          >
            Leave the waiting list
          </button>
        </>
      ) : entry?.status === "offered" ? (
        <p>
          Seats came back and are held for you: they are in your cart (Your seats), or follow the
          link in the email we sent you.
        </p>
      ) : (
        <>
          <p>
            {soldOut
              ? "This event is sold out."
              : `Sold out: ${soldOutSections.map((s) => s.section).join(", ")}.`}{" "}
            Join the waiting list: when seats come back, the first in line gets them held for a
            while and an email with a link to buy them.
          </p>
          {!account ? (
            <p>
              <Link href={signInHref(`/events/${eventId}`)}>Sign in with an account</Link>
              {guest
                ? " to join the waiting list: offers come by email, maybe days later, and only an account can buy them."
                : " to join the waiting list."}
            </p>
          ) : (
            <form onSubmit={submit} noValidate>
              <div className="field">
                <label htmlFor={`${id}-quantity`}>Number of seats</label>
                <select
                  id={`${id}-quantity`}
                  value={quantity}
                  onChange={(e) => setQuantity(e.target.value)}
                  aria-invalid={error?.field === "quantity" ? true : undefined}
                  aria-describedby={error?.field === "quantity" ? `${id}-error` : undefined}
                >
                  {QUANTITIES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
                {error?.field === "quantity" ? (
                  <p id={`${id}-error`} className="field-error">
                    {error.text}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor={`${id}-section`}>Section</label>
                <select
                  id={`${id}-section`}
                  value={section}
                  onChange={(e) => setSection(e.target.value)}
                  aria-invalid={error?.field === "section" ? true : undefined}
                  aria-describedby={error?.field === "section" ? `${id}-error` : undefined}
                >
                  {soldOut ? <option value="">Any section</option> : null}
                  {(soldOut ? data.sections : soldOutSections).map((s) => (
                    <option key={s.section} value={s.section}>
                      {s.section}
                    </option>
                  ))}
                </select>
                {error?.field === "section" ? (
                  <p id={`${id}-error`} className="field-error">
                    {error.text}
                  </p>
                ) : null}
              </div>
              {error && error.field === null ? (
                <p className="error-notice" role="alert">
                  {error.text}
                </p>
              ) : null}
              <button type="submit" className="button" disabled={join.isPending}>
                Join the waiting list
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
