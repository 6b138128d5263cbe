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

/** Any verified caller: customer, guest or admin. Handlers get `ctx.user`. */
export const authedProcedure = publicProcedure.use(authenticate);

/** Role `admin` only; any other verified caller gets FORBIDDEN. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "admins only" });
  }
  return next();
});

/**
 * For per-user data: the owner reads their own records, an admin reads anyone's, everyone else
 * gets FORBIDDEN. Call it after loading the record, with the record's owner id.
 */
export const assertOwnerOrAdmin = (user: AuthUser, ownerId: string): void => {
  if (user.role === "admin" || user.id === ownerId) return;
  throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to someone else" });
};
