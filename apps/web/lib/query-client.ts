import { QueryClient } from "@tanstack/react-query";

/**
 * TanStack Query's settings, one for the browser's client and for each server render's: data a
 * server component prefetched stays fresh for `staleTime` in the browser, so a client component
 * hydrated with it does not fetch it again on mount.
 */
export const makeQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // A refusal (not found, forbidden, bad input) will not change on retry.
        retry: (count, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
          return count < 2 && (status === undefined || status >= 500);
        },
      },
    },
  });
