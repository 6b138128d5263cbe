import "server-only";
import { TRPCClientError } from "@trpc/client";
import { initTRPC, TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { clientAddressOf } from "../lib/client-address";
import { getAccessToken, getSignedInUser } from "../lib/session";
import { servicesFor, type Caller, type Services } from "./services";

/** What every web procedure can rely on. The token never leaves the server. */
export type Context = {
  /** The signed-in customer, guest or organizer, or null. */
  user: Session["user"] | null;
  caller: Caller;
  /** The services, called with the user's token. */
  services: Services;
};

/**
 * One request's context, for `/api/trpc` and for server components (`server/rsc.tsx`) alike: the
 * session from the request's cookies, and the browser's address as server.ts resolved it (for the
 * services' throttling) from its headers.
 */
export const createContext = async (requestHeaders: Headers): Promise<Context> => {
  const [user, token] = await Promise.all([getSignedInUser(), getAccessToken()]);
  const caller: Caller = { token: user ? token : null, ip: clientAddressOf(requestHeaders) };
  return { user: caller.token ? user : null, caller, services: servicesFor(caller) };
};

const UNAVAILABLE =
  "This part of Marquee is not answering right now. Please try again in a moment.";
const FRIENDLY_BY_CODE: Partial<Record<TRPCError["code"], string>> = {
  UNAUTHORIZED: "Your session has ended. Please sign in again.",
  FORBIDDEN: "You are not allowed to do that.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
  SERVICE_UNAVAILABLE: UNAVAILABLE,
  BAD_GATEWAY: UNAVAILABLE,
  GATEWAY_TIMEOUT: UNAVAILABLE,
};

const isErrorCode = (code: unknown): code is TRPCError["code"] =>
  typeof code === "string" && /^[A-Z_]+$/.test(code);

/**
 * A service's error as the browser should see it. Refusals the services word for people (a seat
 * taken, a field named with what is wrong, a declined card) keep their message and code; a crash,
 * an outage or an auth failure becomes a plain sentence, and internals never reach the page.
 */
export const toFriendlyError = (error: unknown): TRPCError => {
  if (error instanceof TRPCError) return error;
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    const code = isErrorCode(data?.code) ? data.code : "SERVICE_UNAVAILABLE";
    const message = FRIENDLY_BY_CODE[code] ?? error.message;
    return new TRPCError({ code, message, cause: error });
  }
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: FRIENDLY_BY_CODE.INTERNAL_SERVER_ERROR ?? "",
    cause: error,
  });
};

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    // Whatever an unexpected error says (hosts, stack, SQL) stays on the server.
    const message =
      error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof TRPCClientError)
        ? (FRIENDLY_BY_CODE.INTERNAL_SERVER_ERROR ?? shape.message)
        : shape.message;
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus },
    };
  },
});

/** Every procedure's service errors pass through `toFriendlyError`, so no router maps them itself. */
const friendlyErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof TRPCClientError) {
    throw toFriendlyError(result.error.cause);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not (event listing, seat maps). */
export const publicProcedure = t.procedure.use(friendlyErrors);

/** Anyone signed in, door staff included; only `authedProcedure` and `doorProcedure` build on it. */
const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.caller.token) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Please sign in or continue as a guest.",
    });
  }
  return next({ ctx: { ...ctx, user: ctx.user, token: ctx.caller.token } });
});

/** What door staff read anywhere but at the check-in desk. */
export const DOOR_STAFF_ONLY =
  "Door staff accounts can only check tickets in. Open the check-in desk, or sign out first.";

/**
 * A signed-in customer, guest or organizer: the services get their token. Door staff are refused
 * here as every service refuses them (FORBIDDEN): their account checks tickets in and nothing else.
 */
export const authedProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role === "staff")
    throw new TRPCError({ code: "FORBIDDEN", message: DOOR_STAFF_ONLY });
  return next({ ctx });
});

/**
 * The check-in desk: organizers and door staff. Which events a staff member may work is decided
 * by fulfillment from their token (`canWorkDoor`); `ctx.user.doorEvents` lists them for pickers.
 */
export const doorProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin" && ctx.user.role !== "staff") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "The check-in desk is for organizers and door staff.",
    });
  }
  return next({ ctx });
});

/** Organizers only. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "This page is for organizers." });
  }
  return next({ ctx });
});
