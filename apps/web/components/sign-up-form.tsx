"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { useHydrated } from "./use-hydrated";
import { registerAccount, type SignUpFields, type SignUpResult } from "../app/sign-up/actions";
import { FormField, textOf } from "./form-field";

type Errors = Extract<SignUpResult, { ok: false }>;

export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors | null>(null);
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
      const signedIn = await signIn("credentials", {
        email: fields.email,
        password: fields.password,
        redirect: false,
      });
      if (signedIn?.error) {
        setErrors({
          ok: false,
          fieldErrors: {},
          formError: "Your account is ready. Please sign in.",
        });
        summary.current?.focus();
        return;
      }
      router.push("/");
      router.refresh();
    });
  };

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
