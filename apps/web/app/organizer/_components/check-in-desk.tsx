"use client";

import { useRef, useState, type FormEvent } from "react";
import { CheckInInput } from "../../../lib/organizer-forms";
import { formatEventTime, formatMoment } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";

type Outcome =
  | {
      kind: "admitted";
      checkedInAt: string;
      ticket: {
        eventName: string;
        venueName: string;
        startsAt: string;
        timeZone: string;
        section: string;
        row: string;
        number: number;
        code: string;
      };
    }
  | { kind: "refused"; title: string; message: string };

/**
 * Fulfillment says "ticket Floor/A/1 already checked in at 2026-11-25T22:03:11.000Z"; the door
 * staff read the seat and the local time of the first scan. Anything else is shown as it came.
 */
const firstScan = (message: string): string => {
  const match = /^ticket (.+)\/(.+)\/(\d+) already checked in at (\S+)$/.exec(message);
  if (!match?.[4] || Number.isNaN(Date.parse(match[4]))) return message;
  return `Section ${match[1]}, row ${match[2]}, seat ${match[3]} was first scanned at ${formatMoment(match[4])}.`;
};

/** What the door staff read when a code is refused, by fulfillment's error code. */
const refusal = (code: string | undefined, message: string): Outcome => {
  if (code === "CONFLICT")
    return { kind: "refused", title: "Already checked in", message: firstScan(message) };
  if (code === "BAD_REQUEST")
    return {
      kind: "refused",
      title: "Not a valid ticket",
      message: "This code is not a genuine Marquee ticket.",
    };
  if (code === "NOT_FOUND")
    return { kind: "refused", title: "Unknown ticket", message: "No ticket has this code." };
  return { kind: "refused", title: "Could not check in", message };
};

/**
 * One field that takes a ticket code (a handheld scanner types it and presses Enter). The result
 * is announced and the field is cleared and focused again for the next guest.
 */
export function CheckInDesk() {
  const checkIn = trpc.organizer.checkIn.useMutation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = CheckInInput.safeParse({ code: field.current?.value ?? "" });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Type or scan the ticket code.");
      field.current?.focus();
      return;
    }
    setFieldError(null);
    checkIn.mutate(parsed.data, {
      onSuccess: (result) =>
        setOutcome({ kind: "admitted", checkedInAt: result.checkedInAt, ticket: result.ticket }),
      onError: (error) => setOutcome(refusal(error.data?.code, error.message)),
      onSettled: () => {
        if (field.current) field.current.value = "";
        field.current?.focus();
      },
    });
  };

  return (
    <div className="stack check-in">
      <form className="organizer-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="ticket-code">Ticket code</label>
          <input
            ref={field}
            id="ticket-code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "ticket-code-error" : undefined}
          />
          {fieldError ? (
            <p id="ticket-code-error" className="field-error">
              {fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={checkIn.isPending}>
          {checkIn.isPending ? "Checking…" : "Check in"}
        </button>
      </form>

      <div aria-live="assertive" aria-atomic="true">
        {outcome?.kind === "admitted" ? (
          <section className="check-in-result" data-result="admitted" aria-label="Admitted">
            <p className="check-in-verdict">Admitted</p>
            <p>
              {outcome.ticket.eventName} ·{" "}
              {formatEventTime(outcome.ticket.startsAt, outcome.ticket.timeZone)}
            </p>
            <p>
              Section {outcome.ticket.section}, row {outcome.ticket.row}, seat{" "}
              {outcome.ticket.number}
            </p>
            <p className="field-hint">
              Ticket {outcome.ticket.code} checked in at {formatMoment(outcome.checkedInAt)}.
            </p>
          </section>
        ) : outcome?.kind === "refused" ? (
          <section className="check-in-result" data-result="refused" aria-label="Refused">
            <p className="check-in-verdict">{outcome.title}</p>
            <p>{outcome.message}</p>
          </section>
        ) : null}
      </div>
    </div>
  );
}
