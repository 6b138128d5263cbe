"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { FormField, textOf } from "../../components/form-field";
import { useHydrated } from "../../components/use-hydrated";
import { signInWithCredentials } from "../../lib/auth-client";
import { AcceptInvitationForm } from "../../lib/door-staff-forms";
import { DOOR_DESK_PATH } from "../../lib/door-staff-paths";
import { formatMoment } from "../../lib/format";
import { acceptInvitation, type InvitationView } from "./actions";

type Errors = Partial<Record<"displayName" | "password" | "confirmPassword", string>>;

/** "A, B and C". */
const listOf = (names: string[]) =>
  names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;

/**
 * The invitee's answer: a name and a password (twice) make the door staff account, which is then
 * signed in and sent to the check-in desk. An address that is door staff already only confirms.
 */
export function AcceptInvitation({
  token,
  invitation,
}: {
  token: string;
  invitation: Extract<InvitationView, { ok: true }>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const events = listOf(invitation.eventNames);

  const fail = (message: string) => {
    setFormError(message);
    summary.current?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (invitation.account === "staff") {
      startTransition(async () => {
        const result = await acceptInvitation({ token });
        if (!result.ok) return fail(result.formError ?? "Accepting failed. Please try again.");
        setDone(`${events} added to your door staff account. Sign in to open the check-in desk.`);
      });
      return;
    }
    const parsed = AcceptInvitationForm.safeParse({
      displayName: textOf(data, "displayName"),
      password: textOf(data, "password"),
      confirmPassword: textOf(data, "confirmPassword"),
    });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof Errors;
        next[field] ??= issue.message;
      }
      setErrors(next);
      setFormError(null);
      const first = (["displayName", "password", "confirmPassword"] as const).find((f) => next[f]);
      if (first) document.getElementById(first)?.focus();
      return;
    }
    setErrors({});
    startTransition(async () => {
      const { displayName, password } = parsed.data;
      const result = await acceptInvitation({ token, displayName, password });
      if (!result.ok) {
        setErrors(result.fieldErrors);
        if (result.formError) fail(result.formError);
        return;
      }
      const signedIn = await signInWithCredentials("credentials", {
        email: invitation.email,
        password,
      });
      if (!signedIn.ok) {
        setDone("Your door staff account is ready. Sign in to open the check-in desk.");
        return;
      }
      router.push(DOOR_DESK_PATH);
      router.refresh();
    });
  };

  if (done) {
    return (
      <div role="status">
        <p>{done}</p>
        <p>
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(DOOR_DESK_PATH)}`}>Sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <p>
        You are invited to check tickets in at <strong>{events}</strong> as door staff, with{" "}
        <strong>{invitation.email}</strong>. A door staff account opens the check-in desk for these
        events and nothing else.
      </p>
      <p className="field-hint">
        This invitation works until {formatMoment(invitation.expiresAt)}.
      </p>
      <form className="auth-form" onSubmit={onSubmit} noValidate aria-busy={pending}>
        <div ref={summary} tabIndex={-1} role="alert" className="form-error">
          {formError}
        </div>
        {invitation.account === "staff" ? (
          <p>{invitation.email} is door staff already: accepting adds these events to it.</p>
        ) : (
          <>
            <FormField
              id="displayName"
              label="Your name"
              autoComplete="name"
              required
              error={errors.displayName}
            />
            <FormField
              id="password"
              label="Choose a password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters, not your email address."
              required
              error={errors.password}
            />
            <FormField
              id="confirmPassword"
              label="Type the password again"
              type="password"
              autoComplete="new-password"
              required
              error={errors.confirmPassword}
            />
          </>
        )}
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Accepting…" : "Accept the invitation"}
        </button>
      </form>
    </>
  );
}
