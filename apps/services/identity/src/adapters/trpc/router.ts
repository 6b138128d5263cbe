import { TRPCError } from "@trpc/server";
import { authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { toAccount } from "../../app/account";
import type { IdentityDeps } from "../../app/deps";
import { issueGuestToken } from "../../app/issue-guest-token";
import { registerCustomer } from "../../app/register-customer";
import { signIn } from "../../app/sign-in";
import { GuestTokenInput, LoginInput, RegisterInput } from "../../domain/credentials";

const INVALID_CREDENTIALS = "invalid email or password";

/** Identity's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: IdentityDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "identity", time: new Date().toISOString() })),

    /** Sign-up from the web: creates a customer and returns their first access token. */
    register: publicProcedure.input(RegisterInput).mutation(async ({ input }) => {
      const result = await registerCustomer(deps, input);
      if (!result.ok)
        throw new TRPCError({ code: "CONFLICT", message: "email already registered" });
      return { user: result.account, ...result.token };
    }),

    /** Sign-in from the web (next-auth's credentials provider). */
    login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
      const result = await signIn(deps, { ...input, ip: ctx.req.ip });
      if (result.ok) return { user: result.account, ...result.token };
      switch (result.error) {
        case "invalid-credentials":
          throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS });
        case "throttled":
          void ctx.res.header("retry-after", String(result.retryAfterSeconds));
          throw new TRPCError({
            code: "TOO_MANY_REQUESTS",
            message: `too many failed sign-in attempts; try again in ${result.retryAfterSeconds} second${
              result.retryAfterSeconds === 1 ? "" : "s"
            }`,
          });
      }
    }),

    /** Checkout without an account: a `guest` token owning what is bought with it. */
    guestToken: publicProcedure.input(GuestTokenInput).mutation(async ({ input }) => {
      const { guestId, ...token } = await issueGuestToken(deps, input);
      return { guest: { id: guestId, email: input.email, role: "guest" as const }, ...token };
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
