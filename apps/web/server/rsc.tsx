import "server-only";
import { TRPCError } from "@trpc/server";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { makeQueryClient } from "../lib/query-client";
import { appRouter, type AppRouter } from "./routers/app";
import { createCallerFactory, createContext } from "./trpc";

/**
 * The one way server components read data: the web's own tRPC routers, called in-process with
 * the request's session (the same procedures, checks and friendly errors as `/api/trpc`).
 *
 * - `await api.events.byId({ eventId })` answers a server component itself;
 * - `await api.account.tickets.prefetch()` puts the answer in this request's query client, and
 *   `<HydrateClient>` around the client components hands it to the browser's, so they start
 *   with the data and do not fetch it again on mount. A prefetch that fails puts nothing there:
 *   the client component then asks itself and shows its own error state.
 */
const getQueryClient = cache(makeQueryClient);
const requestContext = cache(async () => createContext(await headers()));
const caller = createCallerFactory(appRouter)(requestContext);

export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(
  caller,
  getQueryClient,
);

/** A refusal that means "no such thing here" (unknown id, or an id that is not one). */
export const isNotFound = (error: unknown) =>
  error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST");
