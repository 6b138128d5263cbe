"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { signOut } from "../lib/auth-client";

export function SignOutButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="link-button"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await signOut();
          router.push("/");
          router.refresh();
        })
      }
    >
      Sign out
    </button>
  );
}
