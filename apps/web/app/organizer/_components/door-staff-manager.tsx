"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import type { inferRouterOutputs } from "@trpc/server";
import { useRef, useState, type FormEvent } from "react";
import { FormField, textOf } from "../../../components/form-field";
import { InviteStaffForm } from "../../../lib/door-staff-forms";
import { formatEventTime, formatMoment } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import type { AppRouter } from "../../../server/routers/app";

type Overview = inferRouterOutputs<AppRouter>["doorStaff"]["overview"];
type EventView = Overview["events"][string];

const eventLabel = (event: EventView | undefined): string =>
  !event
    ? "An unknown event"
    : event.startsAt
      ? `${event.name}, ${formatEventTime(event.startsAt, event.timeZone)}`
      : event.name;

/**
 * The organizer's door staff: an invitation form (an address and a checklist of events), the staff
 * with their events (each removable) and the person's removal, and the invitations still pending
 * (withdrawable). Each outcome is announced in a status region; errors name the field.
 */
export function DoorStaffManager() {
  const overview = trpc.doorStaff.overview.useQuery();
  const utils = trpc.useUtils();
  const refresh = () => utils.doorStaff.overview.invalidate();
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const onDone = (message: string) => {
    setActionError(null);
    setStatus(message);
    void refresh();
  };
  const onFailed = (error: { message: string }) => {
    setStatus(null);
    setActionError(error.message);
  };
  const revoke = trpc.doorStaff.revokeInvitation.useMutation();
  const removeEvent = trpc.doorStaff.removeEvent.useMutation();
  const removeStaff = trpc.doorStaff.removeStaff.useMutation();

  if (overview.isPending) return <LoadingState label="Loading door staff…" />;
  if (overview.isError) {
    return <ErrorNotice message={overview.error.message} onRetry={() => void overview.refetch()} />;
  }
  const { events, staff, invitations, choosable } = overview.data;

  return (
    <div className="stack door-staff">
      <InviteForm
        choosable={choosable.map((id) => events[id]).filter((e): e is EventView => !!e)}
        onInvited={onDone}
      />
      <p role="status" className="door-staff-status">
        {status}
      </p>
      {actionError ? (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      ) : null}

      <section aria-labelledby="staff-title" className="stack">
        <h2 id="staff-title">Staff</h2>
        {staff.length === 0 ? (
          <EmptyState title="No door staff yet">
            Invite someone above: they appear here once they accept.
          </EmptyState>
        ) : (
          <ul className="door-staff-list">
            {staff.map((member) => (
              <li key={member.userId} aria-labelledby={`staff-${member.userId}`}>
                <h3 id={`staff-${member.userId}`}>
                  {member.name} <span className="muted">({member.email})</span>
                </h3>
                {member.eventIds.length === 0 ? (
                  <p>No events: they can open the desk but check nothing in.</p>
                ) : (
                  <ul aria-label={`Events of ${member.name}`}>
                    {member.eventIds.map((eventId) => (
                      <li key={eventId}>
                        {eventLabel(events[eventId])}{" "}
                        <button
                          type="button"
                          className="link-button"
                          disabled={removeEvent.isPending}
                          aria-label={`Remove ${events[eventId]?.name ?? "this event"} from ${member.name}`}
                          onClick={() =>
                            removeEvent.mutate(
                              { userId: member.userId, eventId },
                              {
                                onSuccess: () =>
                                  onDone(
                                    `${member.name} no longer works the door of ${events[eventId]?.name ?? "that event"} (from their next sign-in).`,
                                  ),
                                onError: onFailed,
                              },
                            )
                          }
                        >
                          Remove
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                <button
                  type="button"
                  className="button button-small button-danger"
                  disabled={removeStaff.isPending}
                  onClick={() => {
                    if (!window.confirm(`Remove ${member.name} (${member.email}) from door staff?`))
                      return;
                    removeStaff.mutate(
                      { userId: member.userId },
                      {
                        onSuccess: () => onDone(`${member.name} is no longer door staff.`),
                        onError: onFailed,
                      },
                    );
                  }}
                >
                  Remove {member.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invitations-title" className="stack">
        <h2 id="invitations-title">Pending invitations</h2>
        {invitations.length === 0 ? (
          <p>None: every invitation was accepted or withdrawn.</p>
        ) : (
          <ul className="door-staff-list">
            {invitations.map((invitation) => (
              <li key={invitation.invitationId}>
                <p>
                  <strong>{invitation.email}</strong> for{" "}
                  {invitation.eventIds
                    .map((id) => events[id]?.name ?? "an unknown event")
                    .join(", ")}
                  .{" "}
                  {invitation.expired
                    ? `The link expired on ${formatMoment(invitation.expiresAt)}; invite them again.`
                    : `The link works until ${formatMoment(invitation.expiresAt)}.`}
                </p>
                <button
                  type="button"
                  className="button button-small"
                  disabled={revoke.isPending}
                  onClick={() =>
                    revoke.mutate(
                      { invitationId: invitation.invitationId },
                      {
                        onSuccess: () =>
                          onDone(`The invitation of ${invitation.email} was withdrawn.`),
                        onError: onFailed,
                      },
                    )
                  }
                >
                  Withdraw the invitation of {invitation.email}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** An address and a checklist of events; errors appear at the field they are about. */
function InviteForm({
  choosable,
  onInvited,
}: {
  choosable: EventView[];
  onInvited: (message: string) => void;
}) {
  const invite = trpc.doorStaff.invite.useMutation();
  const [errors, setErrors] = useState<{ email?: string; eventIds?: string; form?: string }>({});
  const form = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = InviteStaffForm.safeParse({
      email: textOf(data, "staffEmail"),
      eventIds: data.getAll("staffEvents").filter((v): v is string => typeof v === "string"),
    });
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "email" ? "email" : "eventIds";
        next[field] ??= issue.message;
      }
      setErrors(next);
      const first = next.email ? "staffEmail" : "staff-events-legend";
      document.getElementById(first)?.focus();
      return;
    }
    setErrors({});
    invite.mutate(parsed.data, {
      onSuccess: (result) => {
        form.current?.reset();
        onInvited(
          result.outcome === "invited"
            ? `Invitation sent to ${result.email}.`
            : `${result.email} is door staff already: the events were added to their account, and they were told by email.`,
        );
      },
      onError: (error) => {
        // Identity names the field ("email: … already has a customer account …").
        const match = /^(email|events(?:\[\d+\])?(?:\.\w+)?): (.*)$/.exec(error.message);
        if (match?.[1] === "email") setErrors({ email: match[2] });
        else if (match) setErrors({ eventIds: match[2] });
        else setErrors({ form: error.message });
      },
    });
  };

  return (
    <section aria-labelledby="invite-title" className="stack">
      <h2 id="invite-title">Invite door staff</h2>
      <form
        ref={form}
        className="stack"
        onSubmit={onSubmit}
        noValidate
        aria-busy={invite.isPending}
      >
        {errors.form ? (
          <p role="alert" className="form-error">
            {errors.form}
          </p>
        ) : null}
        <FormField
          id="staffEmail"
          label="Email address"
          type="email"
          autoComplete="off"
          required
          hint="An address with no Marquee account yet (or one that is door staff already)."
          error={errors.email}
        />
        <fieldset
          className="event-choices"
          aria-describedby={errors.eventIds ? "staff-events-error" : undefined}
          aria-invalid={errors.eventIds ? true : undefined}
        >
          <legend id="staff-events-legend" tabIndex={-1}>
            Events whose door they will work
          </legend>
          {choosable.length === 0 ? (
            <p>No published events to come: publish an event first.</p>
          ) : (
            choosable.map((event) => (
              <label key={event.id}>
                <input type="checkbox" name="staffEvents" value={event.id} /> {eventLabel(event)}
              </label>
            ))
          )}
          {errors.eventIds ? (
            <p id="staff-events-error" className="field-error" role="alert">
              {errors.eventIds}
            </p>
          ) : null}
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" disabled={invite.isPending}>
            {invite.isPending ? "Sending the invitation…" : "Send invitation"}
          </button>
        </div>
      </form>
    </section>
  );
}
