import type { FormEvent, ReactNode, RefObject } from "react";

/**
 * The desk's one field for a typed short code or a pasted QR text, online and offline alike.
 * The station owns what a submit does; `field` lets it put focus back after each scan.
 */
export function TicketCodeForm({
  field,
  error,
  onSubmit,
  onChange,
}: {
  field: RefObject<HTMLInputElement | null>;
  error: string | null;
  onSubmit: (submitted: FormEvent<HTMLFormElement>) => void;
  onChange: () => void;
}) {
  return (
    <form className="organizer-form door-code-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="ticket-code">Ticket code</label>
        <p id="ticket-code-hint" className="field-hint">
          The code under the QR (XXXXX-XXXXX, any case), or the QR&apos;s text from a handheld
          scanner.
        </p>
        <input
          ref={field}
          id="ticket-code"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          autoFocus
          onChange={onChange}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "ticket-code-hint ticket-code-error" : "ticket-code-hint"}
        />
        {error ? (
          <p id="ticket-code-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button">
        Check in
      </button>
    </form>
  );
}

/** Admitted of expected, as both desks show it; `note` follows "expected". */
export function DoorCounts({
  admitted,
  expected,
  note,
}: {
  admitted: number;
  expected: number;
  note?: ReactNode;
}) {
  return (
    <dl className="stats door-counts" aria-label="Check-in progress">
      <div className="stat">
        <dt>Admitted</dt>
        <dd data-testid="admitted-count">{admitted.toLocaleString("en-GB")}</dd>
        <dd className="stat-note">
          of <span data-testid="expected-count">{expected.toLocaleString("en-GB")}</span> expected
          {note}
        </dd>
      </div>
    </dl>
  );
}
