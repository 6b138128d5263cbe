import { TRPCError } from "@trpc/server";
import { TokenVerificationError, type AuthUser } from "./auth-token";
import { middleware, publicProcedure } from "./trpc";

export {
  ACCESS_TOKEN_ALGORITHM,
  AccessTokenClaims,
  AuthUser,
  bearerToken,
  createTokenVerifier,
  tokenVerifierFor,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  MAX_DOOR_EVENTS,
  Role,
  TokenVerificationError,
  type TokenRejection,
  type TokenVerifier,
  type TokenVerifierOptions,
} from "./auth-token";

const authenticate = middleware(async ({ ctx, next }) => {
  const { token, verifier } = ctx.auth;
  if (token === null) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  if (verifier === null) {
    // A wiring mistake, not the caller's: createService was given no verifier.
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "no token verifier configured" });
  }
  let user: AuthUser;
  try {
    user = await verifier.verify(token);
  } catch (error) {
    if (error instanceof TokenVerificationError && error.reason === "unavailable") {
      ctx.log.warn({ err: error.cause }, "token verification unavailable");
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "cannot verify the token right now; try again",
      });
    }
    const reason = error instanceof TokenVerificationError ? error.reason : "invalid";
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: reason === "expired" ? "token expired" : "invalid token",
    });
  }
  return next({ ctx: { user } });
});

/** What every procedure but the door's tells door staff. */
export const DOOR_STAFF_ONLY = "door staff can only check tickets in";

/**
 * Any verified caller, door staff included. Only for what concerns the caller's own account
 * (identity's `me`); everything else is `authedProcedure`, `adminProcedure` or `doorProcedure`.
 */
export const signedInProcedure = publicProcedure.use(authenticate);

/**
 * A verified customer, guest or admin. Door staff get FORBIDDEN ("door staff can only check
 * tickets in"): a staff account exists to check tickets in, so every procedure that is not
 * explicitly a door procedure refuses it, including ones added later. Handlers get `ctx.user`.
 */
export const authedProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role === "staff") {
    throw new TRPCError({ code: "FORBIDDEN", message: DOOR_STAFF_ONLY });
  }
  return next();
});

/** Role `admin` only; any other verified caller gets FORBIDDEN. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "admins only" });
  }
  return next();
});

/**
 * The door (check-in): an admin or door staff, anyone else FORBIDDEN. It does not know the event
 * yet: once the handler knows which event a call is for, it asks `canWorkDoor(ctx.user, eventId)`
 * (or `assertCanWorkDoor`), which limits staff to the events they were assigned.
 */
export const doorProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin" && ctx.user.role !== "staff") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "the door is for organizers and door staff",
    });
  }
  return next();
});

/**
 * May this caller check tickets in for this event: an admin always, door staff only for the events
 * in their token (`doorEvents`), nobody else.
 */
export const canWorkDoor = (user: AuthUser, eventId: string): boolean => {
  switch (user.role) {
    case "admin":
      return true;
    case "staff":
      return user.doorEvents?.includes(eventId) ?? false;
    case "customer":
    case "guest":
      return false;
  }
};

/** `canWorkDoor` or FORBIDDEN, for a procedure that has just learned the event of its call. */
export const assertCanWorkDoor = (user: AuthUser, eventId: string): void => {
  if (canWorkDoor(user, eventId)) return;
  throw new TRPCError({
    code: "FORBIDDEN",
    message:
      user.role === "staff"
        ? "you are not on the door staff of this event; ask the organizer to add it"
        : "the door is for organizers and door staff",
  });
};

/**
 * For per-user data: the owner reads their own records, an admin reads anyone's, everyone else
 * gets FORBIDDEN. Call it after loading the record, with the record's owner id.
 */
export const assertOwnerOrAdmin = (user: AuthUser, ownerId: string): void => {
  if (user.role === "admin" || user.id === ownerId) return;
  throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to someone else" });
};
