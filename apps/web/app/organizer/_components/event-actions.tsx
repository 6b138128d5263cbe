"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../../../lib/trpc";
import { CancellationProgress } from "./cancellation-progress";

type EventForActions = {
  id: string;
  status: "draft" | "published" | "cancelled";
  seating: unknown;
};

/** Publish a draft that has its seats; cancel an event (asked twice: it cannot be undone). */
export function EventActions({ event }: { event: EventForActions }) {
  const utils = trpc.useUtils();
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  // The question takes the focus when it replaces the button, and "Keep it" gives it back to the
  // button, so a keyboard user is never dropped at the top of the page.
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const keptIt = useRef(false);
  useEffect(() => {
    if (confirmingCancel) question.current?.focus();
    else if (keptIt.current) opener.current?.focus();
    keptIt.current = false;
  }, [confirmingCancel]);
  const refresh = async () => {
    await Promise.all([utils.organizer.event.invalidate(), utils.organizer.events.invalidate()]);
  };
  const publish = trpc.organizer.publish.useMutation({ onSuccess: refresh });
  const cancel = trpc.organizer.cancel.useMutation({
    onSuccess: async () => {
      setConfirmingCancel(false);
      await refresh();
    },
  });
  const error = publish.error ?? cancel.error;

  return (
    <section aria-label="Event actions" className="actions-panel">
      <div role="alert" className="form-error">
        {error?.message}
      </div>
      {event.status === "draft" ? (
        <>
          <button
            type="button"
            className="button"
            disabled={!event.seating || publish.isPending}
            aria-describedby={event.seating ? undefined : "publish-hint"}
            onClick={() => publish.mutate({ eventId: event.id })}
          >
            {publish.isPending ? "Publishing…" : "Publish"}
          </button>
          {event.seating ? null : (
            <p id="publish-hint" className="field-hint">
              Generate the seat layout below before publishing.
            </p>
          )}
        </>
      ) : null}
      {event.status === "published" ? (
        <p>
          On sale in the storefront: <Link href={`/events/${event.id}`}>open the event page</Link>.
        </p>
      ) : null}
      {event.status === "cancelled" ? (
        <>
          <p>This event is cancelled; it is no longer on sale.</p>
          <CancellationProgress eventId={event.id} />
        </>
      ) : confirmingCancel ? (
        <div className="confirm" role="group" aria-labelledby="confirm-cancel">
          <p id="confirm-cancel" ref={question} tabIndex={-1}>
            Cancel this event? Customers can no longer buy seats, every paid order is refunded in
            full, every ticket stops working at the door and each buyer is emailed. This cannot be
            undone.
          </p>
          <button
            type="button"
            className="button button-danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ eventId: event.id })}
          >
            {cancel.isPending ? "Cancelling…" : "Yes, cancel the event"}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              keptIt.current = true;
              setConfirmingCancel(false);
            }}
          >
            Keep it
          </button>
        </div>
      ) : (
        <button
          ref={opener}
          type="button"
          className="button button-secondary"
          onClick={() => setConfirmingCancel(true)}
        >
          Cancel event
        </button>
      )}
    </section>
  );
}
