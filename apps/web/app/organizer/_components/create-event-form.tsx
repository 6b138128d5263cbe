"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { CreateEventForm, fieldErrors, serviceFieldErrors } from "../../../lib/organizer-forms";
import { trpc } from "../../../lib/trpc";
import { EVENT_IMAGES } from "./event-images";
import { describedBy, FieldText } from "./field-text";
import { NewVenueForm } from "./new-venue-form";
import { OnSaleFields, onSaleFromFormData } from "./on-sale-fields";

const text = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Name, venue, start (in the venue's time zone), hold time, when sales open and close, the waiting
 * room and artwork of a new draft event.
 */
export function CreateEventFormView() {
  const router = useRouter();
  const utils = trpc.useUtils();
  const venues = trpc.organizer.venues.useQuery();
  const createEvent = trpc.organizer.createEvent.useMutation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [venueId, setVenueId] = useState("");
  const [addingVenue, setAddingVenue] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  if (venues.isPending) return <LoadingState label="Loading venues…" />;
  if (venues.isError)
    return <ErrorNotice message={venues.error.message} onRetry={() => void venues.refetch()} />;

  const venue = venues.data.find((candidate) => candidate.id === venueId);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const minutes = text(data, "holdTtlMinutes");
    const extension = text(data, "holdExtensionMinutes");
    const parsed = CreateEventForm.safeParse({
      name: text(data, "name"),
      description: text(data, "description"),
      venueId: text(data, "venueId"),
      startsAt: text(data, "startsAt"),
      holdTtlMinutes: minutes === "" ? Number.NaN : Number(minutes),
      holdExtensionMinutes: extension === "" ? Number.NaN : Number(extension),
      imagePath: text(data, "imagePath") || undefined,
      ...onSaleFromFormData(data),
    });
    setFormError(null);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      const first = Object.keys(found)[0];
      if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    createEvent.mutate(parsed.data, {
      onSuccess: ({ eventId }) => {
        void utils.organizer.events.invalidate();
        router.push(`/organizer/events/${eventId}`);
      },
      onError: (error) => {
        const fields = serviceFieldErrors(error.message);
        if (fields) setErrors(fields);
        else setFormError(error.message);
      },
    });
  };

  return (
    <div className="stack">
      <form ref={form} className="organizer-form" onSubmit={onSubmit} noValidate>
        <div role="alert" className="form-error">
          {formError}
        </div>
        <FieldText id="name" label="Name" error={errors.name}>
          <input
            id="name"
            name="name"
            required
            maxLength={200}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("name", null, errors.name)}
          />
        </FieldText>
        <FieldText id="description" label="Description" hint="Optional." error={errors.description}>
          <textarea
            id="description"
            name="description"
            rows={3}
            maxLength={5000}
            aria-describedby={describedBy("description", true, errors.description)}
          />
        </FieldText>
        <FieldText
          id="venueId"
          label="Venue"
          error={errors.venueId}
          hint={
            <button type="button" className="link-button" onClick={() => setAddingVenue(true)}>
              Add a venue
            </button>
          }
        >
          <select
            id="venueId"
            name="venueId"
            required
            value={venueId}
            onChange={(event) => setVenueId(event.target.value)}
            aria-invalid={errors.venueId ? true : undefined}
            aria-describedby={describedBy("venueId", true, errors.venueId)}
          >
            <option value="">Choose a venue</option>
            {venues.data.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}, {candidate.city}
              </option>
            ))}
          </select>
        </FieldText>
        <FieldText
          id="startsAt"
          label="Starts at"
          hint={
            venue
              ? `Local time at the venue (${venue.timeZone}).`
              : "Local time at the venue; choose the venue first."
          }
          error={errors.startsAt}
        >
          <input
            id="startsAt"
            name="startsAt"
            type="datetime-local"
            required
            aria-invalid={errors.startsAt ? true : undefined}
            aria-describedby={describedBy("startsAt", true, errors.startsAt)}
          />
        </FieldText>
        <FieldText
          id="holdTtlMinutes"
          label="Hold time (minutes)"
          hint="How long a customer's seats stay held while they pay."
          error={errors.holdTtlMinutes}
        >
          <input
            id="holdTtlMinutes"
            name="holdTtlMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            defaultValue={15}
            aria-invalid={errors.holdTtlMinutes ? true : undefined}
            aria-describedby={describedBy("holdTtlMinutes", true, errors.holdTtlMinutes)}
          />
        </FieldText>
        <FieldText
          id="holdExtensionMinutes"
          label="Hold extension (minutes)"
          hint="Once per hold, a customer may keep their seats this much longer when warned that the hold is ending. 0: no extension."
          error={errors.holdExtensionMinutes}
        >
          <input
            id="holdExtensionMinutes"
            name="holdExtensionMinutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={15}
            defaultValue={0}
            aria-invalid={errors.holdExtensionMinutes ? true : undefined}
            aria-describedby={describedBy(
              "holdExtensionMinutes",
              true,
              errors.holdExtensionMinutes,
            )}
          />
        </FieldText>
        <OnSaleFields errors={errors} timeZone={venue?.timeZone ?? null} />
        <FieldText id="imagePath" label="Artwork" error={errors.imagePath}>
          <select
            id="imagePath"
            name="imagePath"
            defaultValue=""
            aria-describedby={describedBy("imagePath", null, errors.imagePath)}
          >
            <option value="">No artwork</option>
            {EVENT_IMAGES.map((image) => (
              <option key={image.path} value={image.path}>
                {image.label}
              </option>
            ))}
          </select>
        </FieldText>
        <button type="submit" className="button" disabled={createEvent.isPending}>
          {createEvent.isPending ? "Creating…" : "Create draft event"}
        </button>
      </form>
      {addingVenue ? (
        <NewVenueForm
          onCreated={(id) => {
            setVenueId(id);
            setAddingVenue(false);
          }}
          onClose={() => setAddingVenue(false)}
        />
      ) : null}
    </div>
  );
}
