"use client";

import { useMemo, useState, type FormEvent } from "react";
import { fieldErrors, serviceFieldErrors, LayoutForm } from "../../../lib/organizer-forms";
import { trpc } from "../../../lib/trpc";
import { describedBy } from "./field-text";
import { LayoutPreview, rowCounts, type PreviewLayout } from "./layout-preview";

type TierDraft = { name: string; price: string };
/**
 * A section as typed; `x` … `radius` are its place in the venue and `widenRows` whether its curved
 * rows widen towards the back (used when placing is on).
 */
type SectionDraft = {
  name: string;
  rows: string;
  seatsPerRow: string;
  tier: string;
  x: string;
  y: string;
  rotation: string;
  radius: string;
  widenRows: boolean;
};
type StageDraft = {
  label: string;
  shape: "rectangle" | "ellipse";
  x: string;
  y: string;
  width: string;
  height: string;
};

const STARTER_TIERS: TierDraft[] = [
  { name: "Standard", price: "35.00" },
  { name: "Premium", price: "60.00" },
];
const STARTER_SECTIONS: SectionDraft[] = [
  {
    name: "Stalls",
    rows: "10",
    seatsPerRow: "20",
    tier: "Standard",
    x: "0",
    y: "4",
    rotation: "0",
    radius: "40",
    widenRows: false,
  },
  {
    name: "Front",
    rows: "3",
    seatsPerRow: "20",
    tier: "Premium",
    x: "0",
    y: "0",
    rotation: "0",
    radius: "36",
    widenRows: false,
  },
];
const STARTER_STAGE: StageDraft = {
  label: "Stage",
  shape: "rectangle",
  x: "0",
  y: "-5",
  width: "24",
  height: "6",
};

/** "45", "45.5", "45.50" → 4500, 4550, 4550; anything else NaN (the schema then names the field). */
const toCents = (price: string): number => {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(price);
  if (!match?.[1]) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
};
const toCount = (value: string): number => (value.trim() === "" ? Number.NaN : Number(value));
/** An optional number: empty is absent (a straight row), anything else must parse. */
const toOptional = (value: string): number | undefined =>
  value.trim() === "" ? undefined : Number(value);

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
  const [placed, setPlaced] = useState(false);
  const [stage, setStage] = useState<StageDraft>(STARTER_STAGE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const tierNames = tiers.map((tier) => tier.name.trim()).filter(Boolean);

  const setTier = (index: number, change: Partial<TierDraft>) =>
    setTiers((current) => current.map((tier, i) => (i === index ? { ...tier, ...change } : tier)));
  const setSection = (index: number, change: Partial<SectionDraft>) =>
    setSections((current) =>
      current.map((section, i) => (i === index ? { ...section, ...change } : section)),
    );

  // The layout as it would be sent: the form's check and the live preview read the same thing.
  const layout = useMemo(
    () => ({
      eventId,
      currency,
      tiers: tiers.map((tier) => ({ name: tier.name, priceCents: toCents(tier.price) })),
      sections: sections.map((section) => ({
        name: section.name,
        rows: toCount(section.rows),
        seatsPerRow: toCount(section.seatsPerRow),
        tier: section.tier,
        ...(placed
          ? {
              placement: {
                x: toCount(section.x),
                y: toCount(section.y),
                rotation: toCount(section.rotation),
                ...(toOptional(section.radius) === undefined
                  ? {}
                  : { radius: toOptional(section.radius) }),
              },
              // Only curved rows widen: the box is offered once the section has a radius.
              ...(section.widenRows && toOptional(section.radius) !== undefined
                ? { widenRows: true }
                : {}),
            }
          : {}),
      })),
      ...(placed
        ? {
            stage: {
              label: stage.label,
              shape: stage.shape,
              x: toCount(stage.x),
              y: toCount(stage.y),
              width: toCount(stage.width),
              height: toCount(stage.height),
            },
          }
        : {}),
    }),
    [eventId, currency, tiers, sections, placed, stage],
  );
  const seatTotal = layout.sections.reduce((sum, section) => {
    if (!Number.isInteger(section.rows) || section.rows < 1 || section.rows > 200) return sum;
    const seats = Number.isFinite(section.seatsPerRow) ? section.seatsPerRow : 0;
    return sum + rowCounts({ ...section, seatsPerRow: seats }).reduce((a, b) => a + b, 0);
  }, 0);
  const preview = useMemo((): PreviewLayout => {
    const finite = (values: Array<number | undefined>) =>
      values.every((value) => value === undefined || Number.isFinite(value));
    const shapeOk =
      placed &&
      layout.sections.every(
        (section) =>
          section.placement &&
          finite(Object.values(section.placement)) &&
          (section.placement.radius ?? 1) > 0,
      ) &&
      layout.stage !== undefined &&
      finite([layout.stage.x, layout.stage.y]) &&
      layout.stage.width > 0 &&
      layout.stage.height > 0;
    return {
      currency: layout.currency,
      tiers: layout.tiers,
      sections: layout.sections.map(({ placement, ...section }) =>
        shapeOk && placement ? { ...section, placement } : section,
      ),
      ...(shapeOk ? { stage: layout.stage } : {}),
    };
  }, [layout, placed]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = LayoutForm.safeParse(layout);
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
        const fields = serviceFieldErrors(error.message);
        if (fields && !("eventId" in fields)) setErrors(fields);
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

      <div className="check-field">
        <input
          id="layout-placed"
          type="checkbox"
          checked={placed}
          aria-describedby="layout-placed-hint"
          onChange={(event) => setPlaced(event.target.checked)}
        />
        <label htmlFor="layout-placed">Place the sections around a stage or pitch</label>
        <p id="layout-placed-hint" className="field-hint">
          Positions are in seat widths (a row is one seat width behind the one before it). x and y
          are the middle of a section&apos;s front row; at turn 0 it faces up, towards smaller y,
          and a turn goes clockwise. A curve radius bends the rows around a point that far in front
          of the section. Without placing, sections are shown side by side.
        </p>
      </div>
      {placed ? (
        <fieldset className="rows-editor">
          <legend>Stage or pitch</legend>
          <div className="row-editor" role="group" aria-label="Stage">
            {input("stage.label", "Stage name", {
              value: stage.label,
              onChange: (event) => setStage({ ...stage, label: event.target.value }),
            })}
            <div className="field">
              <label htmlFor="layout-stage-shape">Stage shape</label>
              <select
                id="layout-stage-shape"
                value={stage.shape}
                onChange={(event) =>
                  setStage({
                    ...stage,
                    shape: event.target.value === "ellipse" ? "ellipse" : "rectangle",
                  })
                }
              >
                <option value="rectangle">Rectangle</option>
                <option value="ellipse">Ellipse</option>
              </select>
            </div>
            {input("stage.x", "Stage centre across (x)", {
              value: stage.x,
              inputMode: "decimal",
              onChange: (event) => setStage({ ...stage, x: event.target.value }),
            })}
            {input("stage.y", "Stage centre down (y)", {
              value: stage.y,
              inputMode: "decimal",
              onChange: (event) => setStage({ ...stage, y: event.target.value }),
            })}
            {input("stage.width", "Stage width", {
              value: stage.width,
              inputMode: "decimal",
              onChange: (event) => setStage({ ...stage, width: event.target.value }),
            })}
            {input("stage.height", "Stage depth", {
              value: stage.height,
              inputMode: "decimal",
              onChange: (event) => setStage({ ...stage, height: event.target.value }),
            })}
          </div>
        </fieldset>
      ) : null}

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
              {placed ? (
                <>
                  {input(`sections.${i}.placement.x`, `Section ${i + 1} across (x)`, {
                    value: section.x,
                    inputMode: "decimal",
                    onChange: (event) => setSection(i, { x: event.target.value }),
                  })}
                  {input(`sections.${i}.placement.y`, `Section ${i + 1} down (y)`, {
                    value: section.y,
                    inputMode: "decimal",
                    onChange: (event) => setSection(i, { y: event.target.value }),
                  })}
                  {input(`sections.${i}.placement.rotation`, `Section ${i + 1} turn (degrees)`, {
                    value: section.rotation,
                    inputMode: "decimal",
                    onChange: (event) => setSection(i, { rotation: event.target.value }),
                  })}
                  {input(
                    `sections.${i}.placement.radius`,
                    `Section ${i + 1} curve radius (empty: straight rows)`,
                    {
                      value: section.radius,
                      inputMode: "decimal",
                      onChange: (event) => setSection(i, { radius: event.target.value }),
                    },
                  )}
                  {toOptional(section.radius) !== undefined ? (
                    <div className="check-field">
                      <input
                        id={`layout-sections-${i}-widen`}
                        type="checkbox"
                        checked={section.widenRows}
                        aria-describedby={describedBy(
                          `layout-sections-${i}-widen`,
                          "hint",
                          errors[`sections.${i}.widenRows`],
                        )}
                        onChange={(event) => setSection(i, { widenRows: event.target.checked })}
                      />
                      <label htmlFor={`layout-sections-${i}-widen`}>
                        Section {i + 1} rows widen towards the back
                      </label>
                      <p id={`layout-sections-${i}-widen-hint`} className="field-hint">
                        Each row holds as many more seats as its longer curve has room for, so the
                        section fans out like a stadium stand.
                      </p>
                      {errors[`sections.${i}.widenRows`] ? (
                        <p id={`layout-sections-${i}-widen-error`} className="field-error">
                          {errors[`sections.${i}.widenRows`]}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                </>
              ) : null}
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
            setSections((current) => {
              // Placed behind the last section, facing the same way.
              const last = current[current.length - 1];
              const behind = last ? (toCount(last.y) || 0) + (toCount(last.rows) || 0) + 2 : 0;
              return [
                ...current,
                {
                  name: "",
                  rows: "10",
                  seatsPerRow: "20",
                  tier: tierNames[0] ?? "",
                  x: last?.x ?? "0",
                  y: String(behind),
                  rotation: last?.rotation ?? "0",
                  radius: "",
                  widenRows: false,
                },
              ];
            })
          }
        >
          Add a section
        </button>
      </fieldset>

      <p aria-live="polite">
        <strong data-testid="layout-seat-total">{seatTotal.toLocaleString("en-GB")}</strong> seats
        in total.
      </p>
      <LayoutPreview layout={preview} />
      <button type="submit" className="button" disabled={generate.isPending}>
        {generate.isPending ? "Generating seats…" : "Generate seat layout"}
      </button>
    </form>
  );
}
