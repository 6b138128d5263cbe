"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

/**
 * A parameter the address carries for one use (a seat picked before signing in, a waiting-list
 * offer): its value as the page opened, and `drop`, which takes it out of the address so a
 * reload does not use it again.
 *
 * Read through the router, never `window.location`: back from the sign-in page is a client-side
 * navigation, and the new page can render before the browser's address has changed, so the
 * address would still be the sign-in page's and the parameter lost.
 */
export function useOneTimeParam(name: string): { value: string | null; drop: () => void } {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const [value] = useState(() => params.get(name));
  const drop = () => {
    const rest = new URLSearchParams(params.toString());
    rest.delete(name);
    const query = rest.toString();
    router.replace(`${pathname}${query ? `?${query}` : ""}${window.location.hash}`, {
      scroll: false,
    });
  };
  return { value, drop };
}
