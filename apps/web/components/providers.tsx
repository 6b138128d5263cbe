"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { useEffect, useState, type ReactNode } from "react";
import { warmFormatters } from "../lib/format";
import { makeQueryClient } from "../lib/query-client";
import { trpc } from "../lib/trpc";

/**
 * TanStack Query + the web's tRPC client, for every page. Server components prefetch through
 * `server/rsc.tsx` and hand the answers to this client with `<HydrateClient>`. Formatters are
 * warmed while the browser is idle (`warmFormatters`).
 */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  useEffect(() => {
    if (typeof requestIdleCallback !== "function") {
      warmFormatters();
      return;
    }
    const idle = requestIdleCallback(warmFormatters, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);
  const [client] = useState(() =>
    trpc.createClient({ links: [httpBatchLink({ url: "/api/trpc" })] }),
  );
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
