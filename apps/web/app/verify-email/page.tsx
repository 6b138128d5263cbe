import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmail } from "./confirm-email";

export const metadata: Metadata = { title: "Confirm your email address" };

/**
 * Where the verification email's link lands (`/verify-email?token=…`). Confirming takes a click,
 * not just the visit, so a mail scanner that opens every link does not confirm for the owner.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <main id="main" className="auth-page">
      <section className="auth-card" aria-labelledby="verify-email-title">
        <h1 id="verify-email-title">Confirm your email address</h1>
        {typeof token === "string" && token.length > 0 ? (
          <ConfirmEmail token={token} />
        ) : (
          <p role="alert">
            This link is incomplete. Open the link in your verification email again, or{" "}
            <Link href="/sign-in">sign in</Link>.
          </p>
        )}
      </section>
    </main>
  );
}
