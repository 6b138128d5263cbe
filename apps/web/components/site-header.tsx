import Link from "next/link";
import { getSignedInUser } from "../lib/session";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const user = await getSignedInUser();
  return (
    <header className="site-header">
      <Link className="brand" href="/">
        Mar<span>quee</span>
      </Link>
      <nav aria-label="Account" className="account-nav">
        {user ? (
          <>
            {user.role === "admin" ? <Link href="/organizer">Organizer</Link> : null}
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
