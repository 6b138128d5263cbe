import { TRPCError } from "@trpc/server";
import { TokenVerificationError, type AuthUser, type TokenVerifier } from "./auth-token";

/**
 * The guest behind a guest token handed over in a request's input (a guest who signs in gives
 * their seats to the account: inventory's `adoptGuestHolds`, ordering's `adoptGuestCart`).
 * Verified like a bearer token; anything but a valid, unexpired guest token is BAD_REQUEST naming
 * `guestToken`, and an unreachable key set is SERVICE_UNAVAILABLE, as for the bearer token.
 */
export const verifyGuestToken = async (
  verifier: TokenVerifier | null,
  token: string,
): Promise<AuthUser> => {
  if (verifier === null) {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "no token verifier configured" });
  }
  let user: AuthUser;
  try {
    user = await verifier.verify(token);
  } catch (error) {
    if (error instanceof TokenVerificationError && error.reason === "unavailable") {
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "cannot verify the token right now; try again",
      });
    }
    const expired = error instanceof TokenVerificationError && error.reason === "expired";
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: expired
        ? "guestToken: the guest token has expired"
        : "guestToken: not a valid guest token",
    });
  }
  if (user.role !== "guest") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "guestToken: not a guest's token" });
  }
  return user;
};
