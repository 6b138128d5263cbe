import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@marquee/identity/router";
import { serverEnv } from "./server-env";

/** Identity's tRPC API, called from the web server only (never from the browser). */
export const identity = createTRPCClient<AppRouter>({
  links: [httpLink({ url: `${serverEnv.IDENTITY_URL}/trpc` })],
});

export const isIdentityError = (error: unknown): error is TRPCClientError<AppRouter> =>
  error instanceof TRPCClientError;

/** Call identity on behalf of a browser request, passing the browser's address for throttling. */
export const identityFor = (clientIp: string | undefined) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverEnv.IDENTITY_URL}/trpc`,
        headers: clientIp ? { "x-forwarded-for": clientIp } : {},
      }),
    ],
  });

/** Call identity as the signed-in user (organizer procedures such as `inviteStaff`). */
export const identityAs = (token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverEnv.IDENTITY_URL}/trpc`,
        headers: { authorization: `Bearer ${token}` },
      }),
    ],
  });
