import type { Metadata } from "next";
import Link from "next/link";
import { DOOR_DESK_PATH } from "../../lib/door-staff-paths";
import { getSignedInUser } from "../../lib/session";

export const metadata: Metadata = { title: "Door staff only check tickets in" };

/**
 * What door staff see (under the address they asked for, `proxy.ts`) when they open an organizer
 * or account page: their account checks tickets in at the desk, and nothing else.
 */
export default async function DoorStaffOnlyPage() {
  const user = await getSignedInUser();
  return (
    <main id="main" className="page">
      <section className="forbidden" aria-labelledby="door-staff-only-title">
        <h1 id="door-staff-only-title">Door staff only check tickets in</h1>
        <p>
          {user ? (
            <>
              You are signed in as {user.email}, a door staff account. It opens the check-in desk
              for the events the organizer gave it, and no other page.
            </>
          ) : (
            <>A door staff account opens the check-in desk and no other page.</>
          )}
        </p>
        <p>
          <Link href={DOOR_DESK_PATH}>Go to the check-in desk</Link>
        </p>
      </section>
    </main>
  );
}
