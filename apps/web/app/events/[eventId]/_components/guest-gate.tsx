"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { FormField, textOf } from "../../../../components/form-field";
import { signInWithCredentials } from "../../../../lib/auth-client";
import { solveProofOfWork } from "../../../../lib/proof-of-work";

/**
 * Asked at the first seat a visitor picks without being signed in: sign in, or give an email and
 * continue as a guest (identity issues a guest token; tickets go to that email). Before the token,
 * the browser solves a proof of work (about a second, shown as "Checking your browser…"), which
 * costs a visitor nothing to notice and a bot farm minting thousands of tokens real CPU.
 */
export function GuestGate({
  callbackUrl,
  onSignedIn,
  onCancel,
}: {
  callbackUrl: string;
  onSignedIn: () => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Share of the browser check done (0–1) while it runs; null before and after.
  const [checking, setChecking] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const gate = useRef<HTMLElement>(null);
  // The box opens on the question; when it closes (cancelled, or signed in and the seat held) the
  // focus goes back where it was, the seat on the map, instead of falling to the top of the page.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = gate.current;
    heading.current?.focus();
    return () => {
      const focused = document.activeElement;
      const lost = !focused || focused === document.body || Boolean(box?.contains(focused));
      if (lost && opener?.isConnected) opener.focus();
    };
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = textOf(new FormData(event.currentTarget), "guest-email").trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setError("Enter a valid email address; your tickets are sent there.");
      return;
    }
    setError(null);
    startTransition(async () => {
      let proof: string;
      setChecking(0);
      try {
        proof = await solveProofOfWork("guest", {
          onProgress: ({ fraction }) => setChecking(fraction),
        });
      } catch {
        setError("We could not check your browser. Please try again.");
        return;
      } finally {
        setChecking(null);
      }
      const result = await signInWithCredentials("guest", { email, proof });
      if (!result.ok) {
        setError(result.error || "Guest checkout is unavailable right now. Please try again.");
        return;
      }
      onSignedIn();
    });
  };

  return (
    <section ref={gate} className="guest-gate" aria-labelledby="guest-gate-title">
      <h2 id="guest-gate-title" ref={heading} tabIndex={-1}>
        Who are these seats for?
      </h2>
      <p>
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link> to
        keep your tickets in your account, or continue as a guest.
      </p>
      <form className="auth-form" onSubmit={onSubmit} noValidate aria-busy={pending}>
        <FormField
          id="guest-email"
          label="Email for your tickets"
          type="email"
          autoComplete="email"
          required
          error={error ?? undefined}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={pending}>
            {checking !== null
              ? "Checking your browser…"
              : pending
                ? "One moment…"
                : "Continue as guest"}
          </button>
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <p role="status" aria-live="polite" className="guest-gate-check">
          {checking !== null ? (
            <>
              Checking your browser…{" "}
              <progress
                max={100}
                value={Math.round(checking * 100)}
                aria-label="Browser check progress"
              />
            </>
          ) : null}
        </p>
      </form>
    </section>
  );
}
