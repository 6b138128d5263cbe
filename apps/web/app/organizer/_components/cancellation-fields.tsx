"use client";

import { useId, useState } from "react";
import { NO_CANCELLATION_FORM, type CancellationForm } from "../../../lib/organizer-forms";
import { describedBy, FieldText } from "./field-text";

const text = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};
const number = (data: FormData, name: string): number => {
  const value = text(data, name).trim().replace(",", ".");
  return value === "" ? Number.NaN : Number(value);
};

/** The cancellation part of a submitted form, shaped for `CancellationForm` (organizer-forms.ts). */
export const cancellationFromFormData = (data: FormData): CancellationForm => {
  if (data.get("cancellation.allowed") !== "on") return NO_CANCELLATION_FORM;
  const feeKind = text(data, "cancellation.feeKind");
  const kind = feeKind === "fixed" || feeKind === "percent" ? feeKind : "none";
  return {
    allowed: true,
    hoursBefore: number(data, "cancellation.hoursBefore"),
    feeKind: kind,
    fee: kind === "none" ? 0 : number(data, "cancellation.fee"),
  };
};

/**
 * Whether buyers may cancel their tickets themselves, until how many hours before the start, and
 * the fee kept (none, a fixed amount, or a percentage). Field names match the schema's paths, so a
 * form can focus the first field in error by name.
 */
export function CancellationFields({
  errors,
  defaults = NO_CANCELLATION_FORM,
}: {
  errors: Record<string, string>;
  defaults?: CancellationForm;
}) {
  const [allowed, setAllowed] = useState(defaults.allowed);
  const [feeKind, setFeeKind] = useState(defaults.feeKind);
  const switchHint = useId();
  const hoursError = errors["cancellation.hoursBefore"];
  const feeError = errors["cancellation.fee"];
  return (
    <fieldset className="rows-editor cancellation-fields">
      <legend>Cancellations</legend>
      <div className="switch-field">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            name="cancellation.allowed"
            checked={allowed}
            onChange={(event) => setAllowed(event.target.checked)}
            aria-describedby={switchHint}
          />
          <span>Customers may cancel</span>
        </label>
        <p id={switchHint} className="field-hint">
          Buyers cancel tickets from My orders and get the price back, minus any fee. Their seats go
          back on sale. The event page and checkout state the policy.
        </p>
      </div>
      {allowed ? (
        <div className="row-editor">
          <FieldText
            id="cancellationHoursBefore"
            label="Until how many hours before the start"
            hint="For example 48: cancelling closes two days before the event starts."
            error={hoursError}
          >
            <input
              id="cancellationHoursBefore"
              name="cancellation.hoursBefore"
              type="number"
              inputMode="numeric"
              min={0}
              max={8_760}
              defaultValue={defaults.allowed ? defaults.hoursBefore : 48}
              aria-invalid={hoursError ? true : undefined}
              aria-describedby={describedBy("cancellationHoursBefore", true, hoursError)}
            />
          </FieldText>
          <FieldText id="cancellationFeeKind" label="Cancellation fee">
            <select
              id="cancellationFeeKind"
              name="cancellation.feeKind"
              value={feeKind}
              onChange={(event) => setFeeKind(event.target.value as CancellationForm["feeKind"])}
            >
              <option value="none">No fee</option>
              <option value="fixed">A fixed amount</option>
              <option value="percent">A percentage of the price</option>
            </select>
          </FieldText>
          {feeKind === "none" ? null : (
            <FieldText
              id="cancellationFee"
              label={feeKind === "fixed" ? "Fee (in the event's currency)" : "Fee (%)"}
              hint={
                feeKind === "fixed"
                  ? "Per cancellation, e.g. 2.00. Never more than what is refunded."
                  : "Of the cancelled tickets' price, e.g. 2.5."
              }
              error={feeError}
            >
              <input
                id="cancellationFee"
                name="cancellation.fee"
                type="number"
                inputMode="decimal"
                min={0}
                step={0.01}
                defaultValue={defaults.feeKind === feeKind ? defaults.fee : ""}
                aria-invalid={feeError ? true : undefined}
                aria-describedby={describedBy("cancellationFee", true, feeError)}
              />
            </FieldText>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
