"use client";

import { useId, useState } from "react";
import { NO_CANCELLATION_FORM, type CancellationForm } from "../../../lib/organizer-forms";
import { CancellationFields, cancellationFromFormData } from "./cancellation-fields";
import { describedBy, FieldText } from "./field-text";

/** What the on-sale fields start with (an event being edited); empty for a new event. */
export type OnSaleDefaults = {
  salesOpenAt: string;
  salesCloseAt: string;
  waitingRoom: { admitPerMinute: number; windowMinutes: number } | null;
  cancellation: CancellationForm;
};

export const NO_ON_SALE_DEFAULTS: OnSaleDefaults = {
  salesOpenAt: "",
  salesCloseAt: "",
  waitingRoom: null,
  cancellation: NO_CANCELLATION_FORM,
};

const text = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};
const count = (data: FormData, name: string): number => {
  const value = text(data, name);
  return value === "" ? Number.NaN : Number(value);
};

/** The on-sale part of a submitted form, shaped for `OnSaleFields` (organizer-forms.ts). */
export const onSaleFromFormData = (data: FormData) => ({
  salesOpenAt: text(data, "salesOpenAt"),
  salesCloseAt: text(data, "salesCloseAt"),
  waitingRoom:
    data.get("waitingRoomEnabled") === "on"
      ? {
          admitPerMinute: count(data, "waitingRoom.admitPerMinute"),
          windowMinutes: count(data, "waitingRoom.windowMinutes"),
        }
      : null,
  cancellation: cancellationFromFormData(data),
});

/**
 * When sales open and close (wall-clock in the event's zone, to the second) and the waiting room
 * switch with its admission rate and shopping window. Field names match the schema's paths, so a
 * form can focus the first field in error by name.
 */
export function OnSaleFields({
  errors,
  timeZone,
  defaults = NO_ON_SALE_DEFAULTS,
}: {
  errors: Record<string, string>;
  /** The zone the times are typed in; null until the venue is chosen. */
  timeZone: string | null;
  defaults?: OnSaleDefaults;
}) {
  const [waitingRoom, setWaitingRoom] = useState(defaults.waitingRoom !== null);
  const switchHint = useId();
  // Worded apart from the start's hint ("Local time at the venue …"), which says the same zone.
  const zone = timeZone
    ? `In the venue's time zone (${timeZone}), to the second.`
    : "In the venue's time zone; choose the venue first.";
  return (
    <>
      <fieldset className="rows-editor on-sale-fields">
        <legend>On sale</legend>
        <FieldText
          id="salesOpenAt"
          label="Sales open at"
          hint={`${zone} Empty: on sale as soon as the event is published.`}
          error={errors.salesOpenAt}
        >
          <input
            id="salesOpenAt"
            name="salesOpenAt"
            type="datetime-local"
            step={1}
            defaultValue={defaults.salesOpenAt}
            aria-invalid={errors.salesOpenAt ? true : undefined}
            aria-describedby={describedBy("salesOpenAt", true, errors.salesOpenAt)}
          />
        </FieldText>
        <FieldText
          id="salesCloseAt"
          label="Sales close at"
          hint={`${zone} Empty: on sale until the event starts.`}
          error={errors.salesCloseAt}
        >
          <input
            id="salesCloseAt"
            name="salesCloseAt"
            type="datetime-local"
            step={1}
            defaultValue={defaults.salesCloseAt}
            aria-invalid={errors.salesCloseAt ? true : undefined}
            aria-describedby={describedBy("salesCloseAt", true, errors.salesCloseAt)}
          />
        </FieldText>
        <div className="switch-field">
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              name="waitingRoomEnabled"
              checked={waitingRoom}
              onChange={(event) => setWaitingRoom(event.target.checked)}
              aria-describedby={switchHint}
            />
            <span>Waiting room</span>
          </label>
          <p id={switchHint} className="field-hint">
            Visitors queue and are let in at a set rate. Those who arrive before sales open get a
            random place at the opening, so arriving early gives no advantage.
          </p>
        </div>
        {waitingRoom ? (
          <div className="row-editor">
            <FieldText
              id="admitPerMinute"
              label="Admission rate (visitors per minute)"
              error={errors["waitingRoom.admitPerMinute"]}
            >
              <input
                id="admitPerMinute"
                name="waitingRoom.admitPerMinute"
                type="number"
                inputMode="numeric"
                min={1}
                max={10_000}
                defaultValue={defaults.waitingRoom?.admitPerMinute ?? 100}
                aria-invalid={errors["waitingRoom.admitPerMinute"] ? true : undefined}
                aria-describedby={describedBy(
                  "admitPerMinute",
                  null,
                  errors["waitingRoom.admitPerMinute"],
                )}
              />
            </FieldText>
            <FieldText
              id="windowMinutes"
              label="Shopping window (minutes)"
              hint="How long an admitted visitor may take to hold seats."
              error={errors["waitingRoom.windowMinutes"]}
            >
              <input
                id="windowMinutes"
                name="waitingRoom.windowMinutes"
                type="number"
                inputMode="numeric"
                min={1}
                max={60}
                defaultValue={defaults.waitingRoom?.windowMinutes ?? 10}
                aria-invalid={errors["waitingRoom.windowMinutes"] ? true : undefined}
                aria-describedby={describedBy(
                  "windowMinutes",
                  true,
                  errors["waitingRoom.windowMinutes"],
                )}
              />
            </FieldText>
          </div>
        ) : null}
      </fieldset>
      <CancellationFields errors={errors} defaults={defaults.cancellation} />
    </>
  );
}
