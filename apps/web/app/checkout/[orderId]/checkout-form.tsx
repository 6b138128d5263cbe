"use client";

import { Countdown } from "@marquee/ui/countdown";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { FormField, textOf } from "../../../components/form-field";
import { HoldWarning } from "../../../components/hold-warning";
import { formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import { CancellationPolicyLine } from "./cancellation-policy-line";
import { seatLabel } from "@marquee/tickets/seat-label";

type FieldErrors = Partial<Record<"number" | "expiry" | "cvc", string>>;

const DECLINES: Record<string, string> = {
  card_declined: "Your card was declined. Please try another card.",
  insufficient_funds: "Your card was declined for insufficient funds. Please try another card.",
};

/** Reads the form; each problem is reported next to its field. */
const readCard = (data: FormData) => {
  const errors: FieldErrors = {};
  const number = textOf(data, "card-number").replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number)) errors.number = "Enter the 12 to 19 digits on the card.";
  const expiry = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(textOf(data, "card-expiry").trim());
  const expMonth = expiry ? Number(expiry[1]) : NaN;
  const year = expiry ? Number(expiry[2]) : NaN;
  const expYear = year < 100 ? 2000 + year : year;
  if (!expiry || expMonth < 1 || expMonth > 12) errors.expiry = "Enter the expiry date as MM/YY.";
  const cvc = textOf(data, "card-cvc").trim();
  if (!/^\d{3,4}$/.test(cvc)) errors.cvc = "Enter the 3 or 4 digit security code.";
  return { errors, card: { number, expMonth, expYear, cvc } };
};

export function CheckoutForm({
  orderId,
  email,
  guest,
}: {
  orderId: string;
  email: string;
  guest: boolean;
}) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const order = trpc.checkout.order.useQuery({ orderId });
  const pay = trpc.checkout.pay.useMutation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);

  if (order.isPending) return <LoadingState label="Loading your order…" />;
  if (order.isError)
    return (
      <ErrorNotice
        title="Your order could not be loaded"
        message={order.error.message}
        onRetry={() => void order.refetch()}
      />
    );
  const view = order.data;
  if (view.status !== "pending" && view.status !== "payment_failed" && view.status !== "draft") {
    const done = ["paid", "confirmed", "fulfilled"].includes(view.status);
    return done ? (
      <p>
        This order is paid. <Link href={`/orders/${orderId}`}>See your tickets</Link>
      </p>
    ) : (
      <ErrorNotice
        title="This order can no longer be paid"
        message={
          view.status === "expired"
            ? "The hold on these seats expired and they were released. Please pick your seats again."
            : `This order is ${view.status.replace("_", " ")}.`
        }
      >
        <p>
          <Link href={`/events/${view.eventId}`}>Back to the seat map</Link>
        </p>
      </ErrorNotice>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    const { errors: found, card } = readCard(new FormData(event.currentTarget));
    setErrors(found);
    const first = (["number", "expiry", "cvc"] as const).find((f) => found[f]);
    if (first) {
      form.current?.querySelector<HTMLInputElement>(`#card-${first}`)?.focus();
      return;
    }
    try {
      // A new key per attempt: a retry after a decline is a new charge, a double click is not.
      const payment = await pay.mutateAsync({ orderId, idempotencyKey: crypto.randomUUID(), card });
      if (payment.status === "succeeded") {
        router.push(`/orders/${orderId}`);
        return;
      }
      setFailure(
        DECLINES[payment.failure?.reason ?? ""] ??
          payment.failure?.message ??
          "The payment did not go through. Please try again.",
      );
    } catch (error) {
      setFailure(error instanceof Error ? error.message : "The payment did not go through.");
    }
    summary.current?.focus();
  };

  const seats = view.items.flatMap((item) => item.seats);
  return (
    <div className="checkout">
      <section className="checkout-summary" aria-labelledby="summary-title">
        <h2 id="summary-title">Your seats</h2>
        {view.expiresAt ? (
          <Countdown until={view.expiresAt} onExpire={() => setExpired(true)} />
        ) : null}
        {view.expiresAt && !expired ? (
          <HoldWarning
            until={view.expiresAt}
            order={view}
            onExtended={(extended) => utils.checkout.order.setData({ orderId }, extended)}
          />
        ) : null}
        {expired ? (
          <p className="form-error" role="alert">
            Your hold has expired and the seats were released.{" "}
            <Link href={`/events/${view.eventId}`}>Pick seats again</Link>
          </p>
        ) : null}
        <ul className="cart-seats">
          {seats.map((seat) => (
            <li key={seat.seatId}>
              <span>{seatLabel(seat)}</span>
              <span className="cart-price">{formatMoney(seat.priceCents, view.currency)}</span>
            </li>
          ))}
        </ul>
        <p className="cart-total">
          Total <strong>{formatMoney(view.totalCents, view.currency)}</strong>
        </p>
        <CancellationPolicyLine eventId={view.eventId} currency={view.currency} />
        <p className="muted">
          Tickets go to <strong>{email}</strong>
          {guest ? " (guest checkout)" : ""}.
        </p>
        {view.status === "draft" ? (
          <p>
            <Link href={`/events/${view.eventId}`}>Back to the seat map</Link> to add or remove
            seats; they stay in this order.
          </p>
        ) : null}
      </section>
      <section className="checkout-pay" aria-labelledby="pay-title">
        <h2 id="pay-title">Pay by card</h2>
        <div
          ref={summary}
          tabIndex={-1}
          role="alert"
          className="form-error"
          data-testid="payment-error"
        >
          {failure}
        </div>
        <form
          ref={form}
          className="auth-form"
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          aria-busy={pay.isPending}
        >
          <FormField
            id="card-number"
            label="Card number"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="4242 4242 4242 4242"
            error={errors.number}
          />
          <div className="field-pair">
            <FormField
              id="card-expiry"
              label="Expiry (MM/YY)"
              autoComplete="cc-exp"
              placeholder="12/30"
              error={errors.expiry}
            />
            <FormField
              id="card-cvc"
              label="Security code"
              inputMode="numeric"
              autoComplete="cc-csc"
              placeholder="123"
              error={errors.cvc}
            />
          </div>
          <button type="submit" className="button" disabled={pay.isPending || expired}>
            {pay.isPending
              ? "Processing payment…"
              : `Pay ${formatMoney(view.totalCents, view.currency)}`}
          </button>
          {pay.isPending ? (
            <p role="status" className="muted">
              Contacting your bank; this takes a moment.
            </p>
          ) : null}
        </form>
        <details className="test-cards">
          <summary>Test cards</summary>
          <ul>
            <li>4242 4242 4242 4242 — paid</li>
            <li>4000 0000 0000 0002 — declined</li>
            <li>4000 0000 0000 9995 — insufficient funds</li>
          </ul>
          <p>Any future expiry date and any three-digit code.</p>
        </details>
      </section>
    </div>
  );
}
