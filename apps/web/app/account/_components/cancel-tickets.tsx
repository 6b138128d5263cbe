"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import type { OrderSeat } from "../../../server/order-shapes";
import { seatLabel } from "@marquee/tickets/seat-label";

const newKey = () => crypto.randomUUID();

/**
 * "Cancel tickets…" on one of my orders: tick the tickets to cancel, read what comes back
 * (ordering's cancellationQuote: the refund, the fee and until when, or why not), confirm; the
 * refund then runs through the same saga as an organizer's. One idempotency key per confirmation,
 * so pressing twice or retrying after a network error refunds once.
 */
export function CancelTickets({
  orderId,
  currency,
  seats,
}: {
  orderId: string;
  currency: string;
  /** The order's seats not refunded yet. */
  seats: OrderSeat[];
}) {
  const utils = trpc.useUtils();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const [key, setKey] = useState(newKey);
  const [done, setDone] = useState<number | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const legend = useRef<HTMLHeadingElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const quote = trpc.account.cancellationQuote.useQuery(
    { orderId, seatIds: chosen },
    { enabled: open && chosen.length > 0, retry: false },
  );
  const cancel = trpc.account.cancelMyOrder.useMutation({
    onSuccess: async () => {
      setDone(quote.data?.allowed ? quote.data.refundCents : 0);
      setOpen(false);
      setChosen([]);
      setKey(newKey());
      await utils.account.orders.invalidate();
    },
  });

  useEffect(() => {
    if (open) legend.current?.focus();
  }, [open]);
  useEffect(() => {
    if (done !== null) result.current?.focus();
  }, [done]);

  const close = () => {
    setOpen(false);
    setChosen([]);
    setMissing(false);
    cancel.reset();
    openButton.current?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length === 0) {
      setMissing(true);
      return;
    }
    if (!quote.data?.allowed) return;
    cancel.mutate({ orderId, seatIds: chosen, idempotencyKey: key });
  };

  if (!open) {
    return (
      <div className="stack">
        {done !== null ? (
          <p
            ref={result}
            tabIndex={-1}
            role="status"
            className="notice"
            data-testid="cancel-result"
          >
            Refund of {formatMoney(done, currency)} on its way
          </p>
        ) : null}
        {seats.length > 0 ? (
          <div className="actions">
            <button
              ref={openButton}
              type="button"
              className="button button-secondary button-small"
              aria-expanded={false}
              onClick={() => {
                setDone(null);
                setOpen(true);
              }}
            >
              Cancel tickets…
            </button>
          </div>
        ) : null}
      </div>
    );
  }

  const q = quote.data;
  const refusal =
    q && !q.allowed
      ? q.reason === "cancellation-deadline-passed" && q.deadline
        ? `Cancellations for this event closed on ${q.deadline.local}.`
        : "This event does not allow cancellations."
      : null;
  const count = chosen.length;
  return (
    <form
      className="stack cancel-tickets"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      noValidate
    >
      <h3 id={`${id}-title`} ref={legend} tabIndex={-1}>
        Cancel tickets
      </h3>
      <fieldset aria-describedby={missing ? `${id}-missing` : undefined}>
        <legend>Tickets to cancel</legend>
        {seats.map((s) => (
          <label key={s.seatId}>
            <input
              type="checkbox"
              checked={chosen.includes(s.seatId)}
              onChange={(e) => {
                setMissing(false);
                setChosen((now) =>
                  e.target.checked ? [...now, s.seatId] : now.filter((x) => x !== s.seatId),
                );
              }}
            />{" "}
            {seatLabel(s)} · {formatMoney(s.priceCents, currency)}
          </label>
        ))}
      </fieldset>
      {missing ? (
        <p id={`${id}-missing`} className="field-error" role="alert">
          Choose at least one ticket to cancel.
        </p>
      ) : null}
      <p role="status" aria-live="polite" data-testid="cancel-quote">
        {count === 0
          ? "Choose the tickets to see what you get back."
          : quote.isFetching && !q
            ? "Working out your refund…"
            : q?.allowed
              ? `You get ${formatMoney(q.refundCents, currency)} back` +
                (q.feeCents > 0 ? ` (${formatMoney(q.feeCents, currency)} cancellation fee)` : "") +
                `. Cancellation possible until ${q.deadline.local}.`
              : (refusal ?? "")}
      </p>
      <div role="alert" className="form-error">
        {quote.error?.message ?? cancel.error?.message}
      </div>
      <div className="actions">
        <button
          type="submit"
          className="button button-danger"
          disabled={cancel.isPending || (count > 0 && !q?.allowed)}
        >
          {cancel.isPending
            ? "Cancelling…"
            : q?.allowed && count > 0
              ? `Cancel ${count} ${count === 1 ? "ticket" : "tickets"}, refund ${formatMoney(q.refundCents, currency)}`
              : "Cancel tickets"}
        </button>
        <button type="button" className="link-button" onClick={close}>
          Keep my tickets
        </button>
      </div>
    </form>
  );
}
