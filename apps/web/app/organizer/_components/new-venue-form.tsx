"use client";

import { useState, type FormEvent } from "react";
import { CreateVenueForm, fieldErrors, serviceFieldErrors } from "../../../lib/organizer-forms";
import { trpc } from "../../../lib/trpc";
import { describedBy, FieldText } from "./field-text";

const text = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

/** A venue (name, city, IANA time zone), added without leaving the new-event form. */
export function NewVenueForm({
  onCreated,
  onClose,
}: {
  onCreated: (venueId: string) => void;
  onClose: () => void;
}) {
  const utils = trpc.useUtils();
  const createVenue = trpc.organizer.createVenue.useMutation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = CreateVenueForm.safeParse({
      name: text(data, "venueName"),
      city: text(data, "venueCity"),
      timeZone: text(data, "venueTimeZone"),
    });
    setFormError(null);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    createVenue.mutate(parsed.data, {
      onSuccess: (venue) => {
        void utils.organizer.venues.invalidate().then(() => onCreated(venue.id));
      },
      onError: (error) => {
        const fields = serviceFieldErrors(error.message);
        if (fields) setErrors(fields);
        else setFormError(error.message);
      },
    });
  };

  return (
    <form
      className="organizer-form panel"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="new-venue"
    >
      <h2 id="new-venue">Add a venue</h2>
      <div role="alert" className="form-error">
        {formError}
      </div>
      <FieldText id="venueName" label="Venue name" error={errors.name}>
        <input
          id="venueName"
          name="venueName"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("venueName", null, errors.name)}
        />
      </FieldText>
      <FieldText id="venueCity" label="City" error={errors.city}>
        <input
          id="venueCity"
          name="venueCity"
          aria-invalid={errors.city ? true : undefined}
          aria-describedby={describedBy("venueCity", null, errors.city)}
        />
      </FieldText>
      <FieldText
        id="venueTimeZone"
        label="Time zone"
        hint="An IANA time zone, e.g. Europe/Madrid."
        error={errors.timeZone}
      >
        <input
          id="venueTimeZone"
          name="venueTimeZone"
          defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone}
          aria-invalid={errors.timeZone ? true : undefined}
          aria-describedby={describedBy("venueTimeZone", true, errors.timeZone)}
        />
      </FieldText>
      <div className="actions">
        <button type="submit" className="button" disabled={createVenue.isPending}>
          {createVenue.isPending ? "Adding…" : "Add venue"}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
