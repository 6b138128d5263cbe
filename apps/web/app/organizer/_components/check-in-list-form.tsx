"use client";

import { LoadingState } from "@marquee/ui/loading-state";
import { useState, type FormEvent } from "react";
import { CheckInListForm } from "../../../lib/door-forms";
import { fieldErrors } from "../../../lib/organizer-forms";
import { trpc } from "../../../lib/trpc";
import type { CheckInListView } from "../../../server/door-shapes";
import { describedBy, FieldText } from "./field-text";

/**
 * A new check-in list for one event: a name ("Main entrance", "Gate B") and the sections that enter
 * through it, chosen from the event's sections (none ticked: every section). Opens the new list.
 */
export function CheckInListFormPanel({
  eventId,
  onCreated,
}: {
  eventId: string;
  onCreated: (list: CheckInListView) => void;
}) {
  const utils = trpc.useUtils();
  const sections = trpc.door.sections.useQuery({ eventId });
  const create = trpc.door.createList.useMutation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    const data = new FormData(submitted.currentTarget);
    const name = data.get("listName");
    const parsed = CheckInListForm.safeParse({
      eventId,
      name: typeof name === "string" ? name : "",
      sections: data.getAll("listSections").filter((value) => typeof value === "string"),
    });
    setFormError(null);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      document.getElementById("listName")?.focus();
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (list) => {
        utils.door.lists.setData({ eventId }, (lists) => [...(lists ?? []), list]);
        onCreated(list);
      },
      onError: (error) => setFormError(error.message),
    });
  };

  return (
    <form
      className="organizer-form panel"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="new-list-title"
    >
      <h2 id="new-list-title">New check-in list</h2>
      <div role="alert" className="form-error">
        {formError}
      </div>
      <FieldText
        id="listName"
        label="List name"
        hint="Where this desk stands, e.g. Main entrance or Gate B."
        error={errors.name}
      >
        <input
          id="listName"
          name="listName"
          maxLength={60}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("listName", true, errors.name)}
        />
      </FieldText>
      {sections.isPending ? (
        <LoadingState label="Loading the event's sections…" />
      ) : sections.isError ? (
        <p className="field-hint">
          The event&apos;s sections could not be loaded ({sections.error.message}); the list will
          admit every section.
        </p>
      ) : (
        <fieldset className="section-choices" aria-describedby="listSections-hint">
          <legend>Sections</legend>
          <p id="listSections-hint" className="field-hint">
            Tick the sections that enter here; tick none to admit every section.
          </p>
          {sections.data.map((section) => (
            <label key={section} className="switch">
              <input type="checkbox" name="listSections" value={section} />
              {section}
            </label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create list and open the desk"}
        </button>
      </div>
    </form>
  );
}
