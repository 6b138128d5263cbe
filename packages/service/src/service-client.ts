import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { traceHeaders } from "@marquee/events/trace-context";
import { CORRELATION_ID_HEADER } from "./correlation-id";
import { fail, ok, type Result } from "./result";

/** Whom a service calls another for: the customer's own token, so the callee applies its own rules. */
export type ServiceCaller = {
  /** The bearer token of the customer the call is made for. */
  token: string;
  /** The request that causes the call, so the callee's logs and events carry the same id. */
  correlationId?: string;
};

export type ServiceClientOptions = {
  /** The callee's base address (`INVENTORY_URL`); its router is served at `/trpc`. */
  url: string;
  /** Each request, answer included, is given up after this long: 5 s unless said otherwise. */
  timeoutMs?: number;
};

/**
 * A typed tRPC client for one service, made per call with the caller's token. Typed by the
 * callee's `AppRouter`, imported as a type only: `createServiceClient<InventoryRouter>(…)`.
 * One request per procedure call (no batching), no transformer (the services use none), no
 * retries: the caller decides what a failed call means.
 */
export const createServiceClient = <TRouter extends AnyRouter>(
  { url, timeoutMs = 5_000 }: ServiceClientOptions,
  caller: ServiceCaller,
) =>
  createTRPCClient<TRouter>({
    links: [
      httpLink<AnyRouter>({
        url: `${url}/trpc`,
        headers: () => ({
          authorization: `Bearer ${caller.token}`,
          ...(caller.correlationId ? { [CORRELATION_ID_HEADER]: caller.correlationId } : {}),
          // The caller's trace goes on in the callee (its request span is a child of ours).
          ...traceHeaders(),
        }),
        // Typed as the global fetch, so it fits tRPC's fetch type with and without the DOM lib.
        fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
          const timeout = AbortSignal.timeout(timeoutMs);
          const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
          return fetch(input, { ...init, signal });
        },
      }),
    ],
  });

/**
 * Why a call to another service did not answer with data. `refused`: the callee answered with
 * one of its tRPC errors below 500 (NOT_FOUND, CONFLICT, …), an answer the caller may act on.
 * `unavailable`: no usable answer (unreachable, timed out, 5xx, unreadable), an outage.
 */
export type ServiceCallError =
  { kind: "refused"; code: string; message: string } | { kind: "unavailable"; message: string };

/** The outcome of `callService`. */
export type ServiceCallResult<T> = Result<T, ServiceCallError>;

/**
 * Runs one call of a `createServiceClient` client and turns its failure into a value. Anything
 * that is not a tRPC client error (a bug in the caller) still throws.
 */
export const callService = async <T>(call: () => Promise<T>): Promise<ServiceCallResult<T>> => {
  try {
    return ok(await call());
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = (error as TRPCClientError<AnyRouter>).data as
      { code?: unknown; httpStatus?: unknown } | undefined;
    const status = typeof data?.httpStatus === "number" ? data.httpStatus : null;
    if (status !== null && status < 500 && typeof data?.code === "string") {
      return fail({ kind: "refused", code: data.code, message: error.message });
    }
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const what = status === null ? error.message : `HTTP ${status} ${error.message}`;
    return fail({ kind: "unavailable", message: `${what}${cause}` });
  }
};
