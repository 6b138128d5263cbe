import type { Metadata } from "next";
import Link from "next/link";
import { api } from "../../server/rsc";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Door staff invitation" };

/**
 * Where a door staff invitation's link lands (`/staff-invitation?token=…`): who is invited to
 * which events, then a name and password make the door staff account, which signs in and opens
 * the check-in desk. Nothing is spent by visiting: only the form's button accepts.
 */
export default async function StaffInvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const invitation =
    typeof token === "string" && token.length > 0
      ? await api.staffInvitation.read({ token })
      : null;
  return (
    <main id="main" className="auth-page">
      <section className="auth-card" aria-labelledby="staff-invitation-title">
        <h1 id="staff-invitation-title">Door staff invitation</h1>
        {!invitation || typeof token !== "string" ? (
          <p role="alert">
            This link is incomplete. Open the link in your invitation email again, or{" "}
            <Link href="/sign-in">sign in</Link>.
          </p>
        ) : !invitation.ok ? (
          <>
            <p role="alert">{invitation.message}</p>
            <p>
              <Link href="/sign-in">Sign in</Link>
            </p>
          </>
        ) : invitation.account === "other" ? (
          <p role="alert">
            {invitation.email} already has a Marquee account, which cannot become door staff. Ask
            the organizer to invite another address.
          </p>
        ) : (
          <AcceptInvitation token={token} invitation={invitation} />
        )}
      </section>
    </main>
  );
}
