"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { currentSession, signInWithCredentials } from "../lib/auth-client";
import { safeCallbackPath } from "../lib/callback-url";
import { DOOR_DESK_PATH, isOffLimitsToDoorStaff } from "../lib/door-staff-paths";
import { solveProofOfWork } from "../lib/proof-of-work";
import { PROOF_REQUIRED } from "../lib/sign-in-errors";
import { useHydrated } from "./use-hydrated";
import { FormField, textOf } from "./form-field";

const MESSAGES: Record<string, string> = {
  "invalid email or password": "The email or password is not right.",
  [PROOF_REQUIRED]: "We could not check your browser. Please try again.",
};

export function SignInForm() {
  const router = useRouter();
  // Only same-site paths: a crafted link must not send people elsewhere after signing in.
  const next = safeCallbackPath(useSearchParams().get("callbackUrl"));
  const [error, setError] = useState<string | null>(null);
  // Progress of the proof of work identity asks for after failed attempts, or null.
  const [checking, setChecking] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const summary = useRef<HTMLDivElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const credentials = { email: textOf(data, "email"), password: textOf(data, "password") };
    startTransition(async () => {
      let result = await signInWithCredentials("credentials", credentials);
      // After a few failed attempts identity wants a proof of work with each try (about a second
      // of this browser's time; a real cost for anyone guessing at scale).
      if (result?.error === PROOF_REQUIRED) {
        let proof: string;
        setChecking(0);
        try {
          proof = await solveProofOfWork("sign-in", {
            onProgress: ({ fraction }) => setChecking(fraction),
          });
        } catch {
          setError("We could not check your browser. Please try again.");
          summary.current?.focus();
          return;
        } finally {
          setChecking(null);
        }
        result = await signInWithCredentials("credentials", { ...credentials, proof });
      }
      if (!result.ok) {
        const message = result.error ?? "";
        setError(MESSAGES[message] ?? (message || "Sign-in failed. Please try again."));
        summary.current?.focus();
        return;
      }
      // Door staff work at the check-in desk: they land there unless asked for a page of theirs.
      const session = await currentSession();
      const staffAway =
        session?.user.role === "staff" && (next === "/" || isOffLimitsToDoorStaff(next));
      router.push(staffAway ? DOOR_DESK_PATH : next);
      router.refresh();
    });
  };

  return (
    <form className="auth-form" method="post" onSubmit={onSubmit} noValidate aria-busy={pending}>
      <div ref={summary} tabIndex={-1} role="alert" className="form-error">
        {error}
      </div>
      <FormField id="email" label="Email" type="email" autoComplete="email" required />
      <FormField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {checking !== null
          ? `Checking your browser… ${Math.round(checking * 100)}%`
          : pending
            ? "Signing in…"
            : "Sign in"}
      </button>
    </form>
  );
}
