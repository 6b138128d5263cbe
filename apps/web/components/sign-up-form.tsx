"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { registerAccount, type SignUpFields, type SignUpResult } from "../app/sign-up/actions";
import { FormField, textOf } from "./form-field";

type Errors = Extract<SignUpResult, { ok: false }>;

export function SignUpForm() {
  const [errors, setErrors] = useState<Errors | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the news that replaced the form.
  useEffect(() => {
    if (sentTo) sentHeading.current?.focus();
  }, [sentTo]);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const fields: SignUpFields = {
      email: textOf(data, "email"),
      password: textOf(data, "password"),
      displayName: textOf(data, "displayName"),
    };
    startTransition(async () => {
      const result = await registerAccount(fields);
      if (!result.ok) {
        setErrors(result);
        // Focus the first field in error so keyboard and screen-reader users land on it.
        const first = (["displayName", "email", "password"] as const).find(
          (f) => result.fieldErrors[f],
        );
        if (first) form.current?.querySelector<HTMLInputElement>(`#${first}`)?.focus();
        else summary.current?.focus();
        return;
      }
      setSentTo(result.email);
    });
  };

  // The same words whether the address was new or already had an account: the email says which.
  if (sentTo) {
    return (
      <div className="auth-form" role="status" aria-live="polite">
        <h2 ref={sentHeading} tabIndex={-1}>
          Check your inbox
        </h2>
        <p>
          We have sent an email to <strong>{sentTo}</strong> about your account: follow it to
          confirm your address. You can sign in with your email and password now.
        </p>
        <Link className="button" href="/sign-in">
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form
      ref={form}
      className="auth-form"
      method="post"
      onSubmit={onSubmit}
      noValidate
      aria-busy={pending}
    >
      <div ref={summary} tabIndex={-1} role="alert" className="form-error">
        {errors?.formError ?? null}
      </div>
      <FormField
        id="displayName"
        label="Your name"
        autoComplete="name"
        required
        maxLength={80}
        error={errors?.fieldErrors.displayName}
      />
      <FormField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={errors?.fieldErrors.email}
      />
      <FormField
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters, not your email address."
        error={errors?.fieldErrors.password}
      />
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
