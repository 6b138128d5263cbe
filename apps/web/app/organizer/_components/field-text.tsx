import type { ReactNode } from "react";

type FieldTextProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** The control; it must carry `id`, and gets `aria-describedby` from `describedBy(id, …)`. */
  children: ReactNode;
};

/** The ids that describe a control: its hint and its error, when present. */
export const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A label, hint and error around any control (select, textarea, input) of an organizer form. */
export function FieldText({ id, label, hint, error, children }: FieldTextProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
