"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { confirmEmail, sendNewLink, type ResendResult, type VerifyEmailResult } from "./actions";

/** The one button of the verification page, then what came of it (announced to screen readers). */
export function ConfirmEmail({ token }: { token: string }) {
  const [result, setResult] = useState<VerifyEmailResult | null>(null);
  const [pending, startTransition] = useTransition();
  const [resent, setResent] = useState<ResendResult | null>(null);

  if (result?.ok) {
    return (
      <div role="status">
        <p>
          {result.alreadyVerified ? "Already confirmed: " : "Thank you: "}
          <strong>{result.email}</strong> is your confirmed email address. We will also tell you
          there when seats you held are released.
        </p>
        <p>
          <Link href="/">Browse events</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <p>
        Confirm that this email address is yours, so Marquee can send you notices about your holds.
      </p>
      {result && !result.ok ? <p role="alert">{result.message}</p> : null}
      {result && !result.ok ? (
        <p>
          <button
            type="button"
            className="link-button"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setResent(await sendNewLink());
              })
            }
          >
            Email me a new link
          </button>{" "}
          <span role="status">{resent?.message}</span>
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              setResult(await confirmEmail(token));
            })
          }
        >
          {pending ? "Confirming…" : "Confirm my email address"}
        </button>
      </div>
    </>
  );
}
