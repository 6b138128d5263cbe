import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DOOR_DESK_PATH } from "../../lib/door-staff-paths";
import { getSignedInUser } from "../../lib/session";
import "./organizer.css";

export const metadata: Metadata = {
  title: { default: "Organizer", template: "%s · Organizer · Marquee" },
};

/**
 * The organizer area is for admins, and its check-in desk also for door staff. Signed-out visitors
 * are sent to sign in and brought back; a signed-in customer gets a clear refusal instead of any
 * part of the page. Door staff see only the desk in the navigation; `proxy.ts` answers every other
 * organizer page with the door-staff-only page before it renders. The services enforce the same
 * rules on every call (`adminProcedure`, `doorProcedure`), so this is the page-level half of it.
 */
export default async function OrganizerLayout({ children }: { children: ReactNode }) {
  const user = await getSignedInUser();
  if (!user) redirect("/sign-in?callbackUrl=/organizer");
  if (user.role === "staff") {
    return (
      <div className="organizer">
        <nav aria-label="Door staff" className="section-nav">
          <Link href={DOOR_DESK_PATH}>Check-in</Link>
        </nav>
        {children}
      </div>
    );
  }
  if (user.role !== "admin") {
    return (
      <main id="main" className="page">
        <section className="forbidden" aria-labelledby="forbidden-title">
          <h1 id="forbidden-title">Organizers only</h1>
          <p>
            You are signed in as {user.email}, which is a customer account. The organizer pages need
            an organizer account.
          </p>
          <p>
            <Link href="/">Back to the events</Link>
          </p>
        </section>
      </main>
    );
  }
  return (
    <div className="organizer">
      <nav aria-label="Organizer" className="section-nav">
        <Link href="/organizer">Events</Link>
        <Link href="/organizer/events/new">New event</Link>
        <Link href={DOOR_DESK_PATH}>Check-in</Link>
        <Link href="/organizer/door-staff">Door staff</Link>
      </nav>
      {children}
    </div>
  );
}
