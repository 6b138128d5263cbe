"use client";

import { useId, useState, type FormEvent } from "react";
import { formatMoney } from "../../../../lib/format";

/** What the buyer asks inventory for: how many seats side by side, where and at what price. */
export type BestAvailableRequest = {
  quantity: number;
  priceCents?: number;
  section?: string;
  /** A wheelchair space, and the other seats beside it for companions. */
  accessible?: boolean;
};

type Props = {
  tiers: { name: string; priceCents: number }[];
  sections: string[];
  currency: string;
  busy: boolean;
  onRequest: (request: BestAvailableRequest) => void;
};

const QUANTITIES = Array.from({ length: 10 }, (_, i) => i + 1);

/**
 * The other way to choose seats, beside picking them on the map: a number of seats and,
 * optionally, a price level, a section or a wheelchair space with companion seats; inventory holds
 * the best seats together that fit.
 */
export function BestAvailableForm({ tiers, sections, currency, busy, onRequest }: Props) {
  const id = useId();
  const [quantity, setQuantity] = useState("2");
  const [price, setPrice] = useState("");
  const [section, setSection] = useState("");
  const [wheelchair, setWheelchair] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRequest({
      quantity: Number(quantity),
      ...(price ? { priceCents: Number(price) } : {}),
      ...(section ? { section } : {}),
      ...(wheelchair ? { accessible: true } : {}),
    });
  };

  return (
    <form
      className="best-available"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      data-testid="best-available"
    >
      <h2 id={`${id}-title`}>Best available seats</h2>
      <p className="field-hint">
        We find the best seats together for you, or pick them on the map.
      </p>
      <div className="field">
        <label htmlFor={`${id}-quantity`}>Number of seats</label>
        <select
          id={`${id}-quantity`}
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
        >
          {QUANTITIES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-price`}>Price level</label>
        <select id={`${id}-price`} value={price} onChange={(event) => setPrice(event.target.value)}>
          <option value="">Any price</option>
          {tiers.map((tier) => (
            <option key={tier.name} value={tier.priceCents}>
              {tier.name} {formatMoney(tier.priceCents, currency)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-section`}>Section</label>
        <select
          id={`${id}-section`}
          value={section}
          onChange={(event) => setSection(event.target.value)}
        >
          <option value="">Any section</option>
          {sections.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="check-field">
        <label>
          <input
            type="checkbox"
            checked={wheelchair}
            onChange={(event) => setWheelchair(event.target.checked)}
            aria-describedby={`${id}-wheelchair-hint`}
          />
          Wheelchair spaces
        </label>
        <p id={`${id}-wheelchair-hint`} className="field-hint">
          One wheelchair space; any other seats you ask for are ordinary seats beside it, for
          companions. Without this, wheelchair spaces are kept for those who need them.
        </p>
      </div>
      <button type="submit" className="button" disabled={busy}>
        Find seats
      </button>
    </form>
  );
}
