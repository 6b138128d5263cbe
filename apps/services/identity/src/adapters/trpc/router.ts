import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { toAccount } from "../../app/account";
import type { IdentityDeps } from "../../app/deps";
import { issueGuestToken } from "../../app/issue-guest-token";
import { registerCustomer } from "../../app/register-customer";
import { resendVerification } from "../../app/resend-verification";
import { signIn } from "../../app/sign-in";
import { verifyEmail } from "../../app/verify-email";
import {
  GuestTokenInput,
  LoginInput,
  ProofOfWorkChallengeInput,
  RegisterInput,
} from "../../domain/credentials";

const INVALID_CREDENTIALS = "invalid email or password";

/** Verification links: the token from `/verify-email?token=…`. */
export const VerifyEmailInput = z.object({ token: z.string().min(1).max(4_096) });
export type VerifyEmailInput = z.infer<typeof VerifyEmailInput>;

const seconds = (n: number) => `${n} second${n === 1 ? "" : "s"}`;

/** TOO_MANY_REQUESTS with a `Retry-After` header and a message saying when to try again. */
const throttled = (
  res: { header(name: string, value: string): unknown },
  what: string,
  retryAfterSeconds: number,
): TRPCError => {
  void res.header("retry-after", String(retryAfterSeconds));
  return new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `${what}; try again in ${seconds(retryAfterSeconds)}`,
  });
};

/** Identity's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: IdentityDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "identity", time: new Date().toISOString() })),

    /**
     * Sign-up from the web. The same answer for a new address and a taken one (whose owner is
     * emailed instead); no token: the customer signs in next.
     */
    register: publicProcedure.input(RegisterInput).mutation(async ({ ctx, input }) => {
      const result = await registerCustomer(deps, {
        ...input,
        ip: ctx.req.ip,
        correlationId: ctx.correlationId,
      });
      if (result.ok) return { email: result.email };
      switch (result.error) {
        case "throttled":
          throw throttled(ctx.res, "too many sign-ups", result.retryAfterSeconds);
      }
    }),

    /** Sign-in from the web (next-auth's credentials provider). */
    login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
      const result = await signIn(deps, { ...input, ip: ctx.req.ip });
      if (result.ok) return { user: result.account, ...result.token };
      switch (result.error) {
        case "invalid-credentials":
          throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS });
        case "proof-required":
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: `proof: ${result.reason} (purpose sign-in)`,
          });
        case "throttled":
          throw throttled(ctx.res, "too many failed sign-in attempts", result.retryAfterSeconds);
      }
    }),

    /**
     * A proof-of-work challenge for the web to solve in the browser before `guestToken`
     * (purpose `guest`), a `login` after failures (purpose `sign-in`) or inventory's
     * `joinWaitingRoom` (purpose `waiting-room`).
     */
    proofOfWorkChallenge: publicProcedure
      .input(ProofOfWorkChallengeInput)
      .query(({ input }) => deps.proofOfWork.challenge(input.purpose)),

    /** Checkout without an account: a `guest` token owning what is bought with it. */
    guestToken: publicProcedure.input(GuestTokenInput).mutation(async ({ ctx, input }) => {
      const result = await issueGuestToken(deps, { ...input, ip: ctx.req.ip });
      if (result.ok) {
        const { guestId, ...token } = result.token;
        return { guest: { id: guestId, email: input.email, role: "guest" as const }, ...token };
      }
      switch (result.error) {
        case "proof-refused":
          throw new TRPCError({ code: "FORBIDDEN", message: `proof: ${result.reason}` });
        case "throttled":
          throw throttled(ctx.res, "too many guest checkouts", result.retryAfterSeconds);
      }
    }),

    /** The link in the verification email: marks the account's address as proven. */
    verifyEmail: publicProcedure.input(VerifyEmailInput).mutation(async ({ ctx, input }) => {
      const result = await verifyEmail(deps, { ...input, correlationId: ctx.correlationId });
      if (result.ok) return { email: result.email, alreadyVerified: result.alreadyVerified };
      switch (result.error) {
        case "expired":
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: "token: this verification link has expired; sign in to get a new one",
          });
        case "invalid":
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: "token: this verification link is not valid",
          });
      }
    }),

    /** A new verification link for the signed-in account (the first expired or went astray). */
    resendVerification: authedProcedure.mutation(async ({ ctx }) => {
      if (ctx.user.role === "guest") {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: "guests have no account to verify; create an account first",
        });
      }
      const result = await resendVerification(deps, {
        userId: ctx.user.id,
        ip: ctx.req.ip,
        correlationId: ctx.correlationId,
      });
      if (result.ok) return { email: result.email, alreadyVerified: result.alreadyVerified };
      switch (result.error) {
        case "no-account":
          throw new TRPCError({ code: "UNAUTHORIZED", message: "account no longer exists" });
        case "throttled":
          throw throttled(ctx.res, "too many verification emails", result.retryAfterSeconds);
      }
    }),

    /** The caller's account (customers, admins) or guest identity, from their token. */
    me: authedProcedure.query(async ({ ctx }) => {
      if (ctx.user.role === "guest") return { ...ctx.user, createdAt: null };
      const user = await deps.users.findById(ctx.user.id);
      if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "account no longer exists" });
      return toAccount(user);
    }),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
