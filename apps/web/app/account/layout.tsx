import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getSignedInUser } from "../../lib/session";
import "./account.css";

export const metadata: Metadata = { title: { default: "Your account", template: "%s · Marquee" } };

/** Orders and tickets belong to a signed-in customer; anyone else is sent to sign in first. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await getSignedInUser();
  if (!user) redirect("/sign-in?callbackUrl=/account/orders");
  return (
    <div className="account">
      <nav aria-label="Your account" className="section-nav">
        <Link href="/account/orders">My orders</Link>
        <Link href="/account/tickets">My tickets</Link>
      </nav>
      {children}
    </div>
  );
}
