"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * For a guest: sign in and come back to this page. The seats held as a guest become the account's
 * at sign-in (lib/guest-handover.ts), so nothing picked so far is lost.
 */
export function GuestSignInLink() {
  const path = usePathname();
  return (
    <Link href={`/sign-in?callbackUrl=${encodeURIComponent(path || "/")}`}>
      Sign in to keep your seats
    </Link>
  );
}
