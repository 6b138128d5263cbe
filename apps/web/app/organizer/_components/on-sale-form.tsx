"use client";

import { useRef, useState, type FormEvent } from "react";
import { fieldErrors, serviceFieldErrors, OnSaleForm } from "../../../lib/organizer-forms";
import { trpc } from "../../../lib/trpc";
import { utcToZonedInput } from "@marquee/tickets/zoned-time";
import { OnSaleFields, onSaleFromFormData, type OnSaleDefaults } from "./on-sale-fields";

type EventForOnSale = {
  id: string;
  timeZone: string;
  salesOpenAt: string | null;
  salesCloseAt: string | null;
  waitingRoom: { admitPerMinute: number; windowSeconds: number } | null;
  cancellation: {
    allowed: boolean;
    hoursBefore: number;
    feeCents: number | null;
    feeBasisPoints: number | null;
  };
};

const defaultsOf = (event: EventForOnSale): OnSaleDefaults => ({
  salesOpenAt: event.salesOpenAt
    ? utcToZonedInput(new Date(event.salesOpenAt), event.timeZone, true)
    : "",
  salesCloseAt: event.salesCloseAt
    ? utcToZonedInput(new Date(event.salesCloseAt), event.timeZone, true)
    : "",
  waitingRoom: event.waitingRoom
    ? {
        admitPerMinute: event.waitingRoom.admitPerMinute,
        windowMinutes: Math.round(event.waitingRoom.windowSeconds / 60),
      }
    : null,
  cancellation: {
    allowed: event.cancellation.allowed,
    hoursBefore: event.cancellation.hoursBefore,
    feeKind:
      event.cancellation.feeCents !== null
        ? "fixed"
        : event.cancellation.feeBasisPoints !== null
          ? "percent"
          : "none",
    fee: (event.cancellation.feeCents ?? event.cancellation.feeBasisPoints ?? 0) / 100,
  },
});

/**
 * Changes when sales open and close, the waiting room and the buyers' cancellation policy of a
 * draft or published event.
 */
export function OnSaleFormView({ event }: { event: EventForOnSale }) {
  const utils = trpc.useUtils();
  const update = trpc.organizer.updateOnSale.useMutation();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const onSubmit = (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    const parsed = OnSaleForm.safeParse({
      eventId: event.id,
      ...onSaleFromFormData(new FormData(submitted.currentTarget)),
    });
    setFormError(null);
    setSaved(false);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      const first = Object.keys(found)[0];
      if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: () => {
        // The facts above show the saved times once catalog's answer is in.
        void Promise.all([
          utils.organizer.event.invalidate(),
          utils.organizer.events.invalidate(),
        ]).then(() => {
          setSaved(true);
          setOpen(false);
        });
      },
      onError: (error) => {
        const fields = serviceFieldErrors(error.message);
        if (fields) setErrors(fields);
        else setFormError(error.message);
      },
    });
  };

  return (
    <section aria-labelledby="on-sale-title" className="panel stack">
      <div className="section-head">
        <h2 id="on-sale-title">On-sale settings</h2>
        {open ? null : (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setSaved(false);
              setOpen(true);
            }}
          >
            Change on-sale settings
          </button>
        )}
      </div>
      <p role="status" className="stat-note">
        {saved ? "Saved. The storefront and inventory follow within seconds." : null}
      </p>
      {open ? (
        <form ref={form} className="organizer-form" onSubmit={onSubmit} noValidate>
          <div role="alert" className="form-error">
            {formError}
          </div>
          <OnSaleFields errors={errors} timeZone={event.timeZone} defaults={defaultsOf(event)} />
          <div className="button-row">
            <button type="submit" className="button" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save on-sale settings"}
            </button>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>
              Keep as it is
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
