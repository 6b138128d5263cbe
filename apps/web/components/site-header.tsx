import Link from "next/link";
import { DOOR_DESK_PATH } from "../lib/door-staff-paths";
import { getSignedInUser } from "../lib/session";
import { GuestSignInLink } from "./guest-sign-in-link";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const user = await getSignedInUser();
  return (
    <header className="site-header">
      <Link className="brand" href="/">
        Mar<span>quee</span>
      </Link>
      <nav aria-label="Account" className="account-nav">
        {user?.role === "staff" ? (
          // Door staff: the desk is all their account opens.
          <>
            <Link href={DOOR_DESK_PATH}>Check-in desk</Link>
            <span className="signed-in-as">
              Signed in as <strong data-testid="signed-in-name">{user.name}</strong> (door staff)
            </span>
            <SignOutButton />
          </>
        ) : user ? (
          <>
            {user.role === "admin" ? <Link href="/organizer">Organizer</Link> : null}
            {user.role === "guest" ? <GuestSignInLink /> : null}
            <Link href="/account/orders">My orders</Link>
            <span className="signed-in-as">
              Signed in as <strong data-testid="signed-in-name">{user.name}</strong>
            </span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/sign-in">Sign in</Link>
            <Link href="/sign-up" className="button button-small">
              Create account
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
