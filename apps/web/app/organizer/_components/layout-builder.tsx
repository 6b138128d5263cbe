"use client";

import { useState, type FormEvent } from "react";
import { fieldErrors, fieldOfServiceError, LayoutForm } from "../../../lib/organizer-forms";
import { trpc } from "../../../lib/trpc";
import { describedBy } from "./field-text";

type TierDraft = { name: string; price: string };
type SectionDraft = { name: string; rows: string; seatsPerRow: string; tier: string };

const STARTER_TIERS: TierDraft[] = [
  { name: "Standard", price: "35.00" },
  { name: "Premium", price: "60.00" },
];
const STARTER_SECTIONS: SectionDraft[] = [
  { name: "Stalls", rows: "10", seatsPerRow: "20", tier: "Standard" },
  { name: "Front", rows: "3", seatsPerRow: "20", tier: "Premium" },
];

/** "45", "45.5", "45.50" → 4500, 4550, 4550; anything else NaN (the schema then names the field). */
const toCents = (price: string): number => {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(price);
  if (!match?.[1]) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
};
const toCount = (value: string): number => (value.trim() === "" ? Number.NaN : Number(value));

/**
 * Price tiers and sections (rows × seats per row at a tier) for a draft event; catalog generates
 * every seat from it, once. Each field's error shows next to it, before or after sending.
 */
export function LayoutBuilder({ eventId }: { eventId: string }) {
  const utils = trpc.useUtils();
  const generate = trpc.organizer.generateLayout.useMutation();
  const [currency, setCurrency] = useState("EUR");
  const [tiers, setTiers] = useState<TierDraft[]>(STARTER_TIERS);
  const [sections, setSections] = useState<SectionDraft[]>(STARTER_SECTIONS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const seatTotal = sections.reduce(
    (sum, section) => sum + (toCount(section.rows) || 0) * (toCount(section.seatsPerRow) || 0),
    0,
  );
  const tierNames = tiers.map((tier) => tier.name.trim()).filter(Boolean);

  const setTier = (index: number, change: Partial<TierDraft>) =>
    setTiers((current) => current.map((tier, i) => (i === index ? { ...tier, ...change } : tier)));
  const setSection = (index: number, change: Partial<SectionDraft>) =>
    setSections((current) =>
      current.map((section, i) => (i === index ? { ...section, ...change } : section)),
    );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = LayoutForm.safeParse({
      eventId,
      currency,
      tiers: tiers.map((tier) => ({ name: tier.name, priceCents: toCents(tier.price) })),
      sections: sections.map((section) => ({
        name: section.name,
        rows: toCount(section.rows),
        seatsPerRow: toCount(section.seatsPerRow),
        tier: section.tier,
      })),
    });
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      const first = Object.keys(found)[0];
      if (first) document.getElementById(`layout-${first.replaceAll(".", "-")}`)?.focus();
      return;
    }
    setErrors({});
    generate.mutate(parsed.data, {
      onSuccess: () => {
        void utils.organizer.events.invalidate();
        void utils.organizer.event.invalidate({ eventId });
      },
      onError: (error) => {
        const field = fieldOfServiceError(error.message);
        if (field && field.field !== "eventId") setErrors({ [field.field]: field.message });
        else setFormError(error.message);
      },
    });
  };

  const input = (
    path: string,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement>,
  ) => {
    const id = `layout-${path.replaceAll(".", "-")}`;
    const error = errors[path];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, null, error)}
          {...props}
          onChange={(event) => {
            props.onChange?.(event);
            // The message was about the old value; a new one is checked on the next submit.
            if (error) setErrors(({ [path]: _cleared, ...rest }) => rest);
          }}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form
      className="panel stack layout-builder"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="layout-title"
    >
      <h2 id="layout-title">Seat layout</h2>
      <p className="field-hint">
        Rows are labelled A, B, C… from the front; seats are numbered from 1. The two aisle seats of
        each section&apos;s front row are wheelchair spaces. A layout cannot be changed once
        generated.
      </p>
      <div role="alert" className="form-error">
        {formError ?? errors.tiers ?? errors.sections}
      </div>
      {input("currency", "Currency", {
        value: currency,
        maxLength: 3,
        autoCapitalize: "characters",
        onChange: (event) => setCurrency(event.target.value),
      })}

      <fieldset className="rows-editor">
        <legend>Price tiers</legend>
        {tiers.map((tier, i) => (
          <div key={i} className="row-editor" role="group" aria-label={`Tier ${i + 1}`}>
            {input(`tiers.${i}.name`, `Tier ${i + 1} name`, {
              value: tier.name,
              onChange: (event) => setTier(i, { name: event.target.value }),
            })}
            {input(`tiers.${i}.priceCents`, `Tier ${i + 1} price (${currency || "currency"})`, {
              value: tier.price,
              inputMode: "decimal",
              onChange: (event) => setTier(i, { price: event.target.value }),
            })}
            <button
              type="button"
              className="link-button"
              disabled={tiers.length === 1}
              onClick={() => setTiers((current) => current.filter((_, j) => j !== i))}
            >
              Remove tier {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setTiers((current) => [...current, { name: "", price: "" }])}
        >
          Add a tier
        </button>
      </fieldset>

      <fieldset className="rows-editor">
        <legend>Sections</legend>
        {sections.map((section, i) => {
          const tierId = `layout-sections-${i}-tier`;
          const tierError = errors[`sections.${i}.tier`];
          return (
            <div key={i} className="row-editor" role="group" aria-label={`Section ${i + 1}`}>
              {input(`sections.${i}.name`, `Section ${i + 1} name`, {
                value: section.name,
                onChange: (event) => setSection(i, { name: event.target.value }),
              })}
              {input(`sections.${i}.rows`, `Section ${i + 1} rows`, {
                value: section.rows,
                type: "number",
                min: 1,
                max: 200,
                inputMode: "numeric",
                onChange: (event) => setSection(i, { rows: event.target.value }),
              })}
              {input(`sections.${i}.seatsPerRow`, `Section ${i + 1} seats per row`, {
                value: section.seatsPerRow,
                type: "number",
                min: 1,
                max: 500,
                inputMode: "numeric",
                onChange: (event) => setSection(i, { seatsPerRow: event.target.value }),
              })}
              <div className="field">
                <label htmlFor={tierId}>Section {i + 1} tier</label>
                <select
                  id={tierId}
                  value={section.tier}
                  aria-invalid={tierError ? true : undefined}
                  aria-describedby={describedBy(tierId, null, tierError)}
                  onChange={(event) => setSection(i, { tier: event.target.value })}
                >
                  <option value="">Choose a tier</option>
                  {tierNames.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
                {tierError ? (
                  <p id={`${tierId}-error`} className="field-error">
                    {tierError}
                  </p>
                ) : null}
              </div>
              <button
                type="button"
                className="link-button"
                disabled={sections.length === 1}
                onClick={() => setSections((current) => current.filter((_, j) => j !== i))}
              >
                Remove section {i + 1}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() =>
            setSections((current) => [
              ...current,
              { name: "", rows: "10", seatsPerRow: "20", tier: tierNames[0] ?? "" },
            ])
          }
        >
          Add a section
        </button>
      </fieldset>

      <p aria-live="polite">
        <strong data-testid="layout-seat-total">{seatTotal.toLocaleString("en-GB")}</strong> seats
        in total.
      </p>
      <button type="submit" className="button" disabled={generate.isPending}>
        {generate.isPending ? "Generating seats…" : "Generate seat layout"}
      </button>
    </form>
  );
}
