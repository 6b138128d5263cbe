import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  adminProcedure,
  authedProcedure,
  MAX_DOOR_EVENTS,
  signedInProcedure,
} from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { acceptStaffInvitation } from "../../app/accept-staff-invitation";
import { toAccount } from "../../app/account";
import type { IdentityDeps } from "../../app/deps";
import { inviteStaff } from "../../app/invite-staff";
import { issueGuestToken } from "../../app/issue-guest-token";
import { listDoorStaff } from "../../app/list-door-staff";
import { previewStaffInvitation } from "../../app/preview-staff-invitation";
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
import {
  AcceptStaffInvitationInput,
  InvitationIdInput,
  StaffEventInput,
  StaffInvitationInput,
  StaffInvitationTokenInput,
  StaffMemberInput,
} from "../../domain/door-staff";
import type { InvitationRefusal } from "../../adapters/db/door-staff";

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

/** What the invitee reads when an invitation link does not work. */
const INVITATION_REFUSALS: Record<InvitationRefusal, string> = {
  invalid: "token: this invitation link is not valid; open the link in your invitation email again",
  expired: "token: this invitation has expired; ask the organizer to invite you again",
  used: "token: this invitation has already been accepted; sign in with the password you chose",
  revoked: "token: this invitation was withdrawn by the organizer",
};

const ACCOUNT_KIND = { customer: "a customer account", admin: "an organizer account" } as const;

const tooManyEvents = () =>
  new TRPCError({
    code: "BAD_REQUEST",
    message: `events: a door staff account can work the door of at most ${MAX_DOOR_EVENTS} events at once; remove some first`,
  });

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

    /** The caller's account (customers, staff, admins) or guest identity, from their token. */
    me: signedInProcedure.query(async ({ ctx }) => {
      if (ctx.user.role === "guest") return { ...ctx.user, createdAt: null };
      const user = await deps.users.findById(ctx.user.id);
      if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "account no longer exists" });
      return toAccount(
        user,
        user.role === "staff" ? await deps.doorStaff.doorEventsOf(user.id) : undefined,
      );
    }),

    /**
     * The organizer invites door staff to events: a new address gets an emailed link, a staff
     * account gets the events at once. A customer's or organizer's address is refused (CONFLICT).
     */
    inviteStaff: adminProcedure.input(StaffInvitationInput).mutation(async ({ ctx, input }) => {
      const result = await inviteStaff(deps, {
        ...input,
        invitedBy: { id: ctx.user.id, name: ctx.user.name },
        correlationId: ctx.correlationId,
      });
      if (result.ok) {
        const { ok: _ok, ...answer } = result;
        return answer;
      }
      switch (result.error) {
        case "taken":
          throw new TRPCError({
            code: "CONFLICT",
            message: `email: ${input.email} already has ${ACCOUNT_KIND[result.role]}, which cannot be door staff; invite another address`,
          });
        case "too-many-events":
          throw tooManyEvents();
      }
    }),

    /** The organizer's list: staff accounts with their events, and pending invitations. */
    doorStaff: adminProcedure.query(() => listDoorStaff(deps)),

    /** Withdraws an invitation not yet accepted; its link stops working. */
    revokeStaffInvitation: adminProcedure.input(InvitationIdInput).mutation(async ({ input }) => {
      const outcome = await deps.doorStaff.revokeInvitation(input.invitationId, new Date());
      switch (outcome) {
        case "revoked":
        case "revoked-already":
          return { invitationId: input.invitationId, revoked: true };
        case "not-found":
          throw new TRPCError({ code: "NOT_FOUND", message: "invitationId: no such invitation" });
        case "used":
          throw new TRPCError({
            code: "CONFLICT",
            message:
              "invitationId: this invitation was accepted already; remove the event or the person instead",
          });
      }
    }),

    /** Takes one event from a staff account (effective at their next sign-in). */
    removeStaffEvent: adminProcedure.input(StaffEventInput).mutation(async ({ input }) => {
      if (!(await deps.doorStaff.removeEvent(input.userId, input.eventId))) {
        throw new TRPCError({
          code: "NOT_FOUND",
          message: "eventId: this person is not on the door staff of that event",
        });
      }
      return { userId: input.userId, eventId: input.eventId, removed: true };
    }),

    /** Deletes a staff account with its events and pending invitations. */
    removeStaff: adminProcedure.input(StaffMemberInput).mutation(async ({ input }) => {
      if (!(await deps.doorStaff.removeStaff(input.userId, new Date()))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "userId: no such door staff account" });
      }
      return { userId: input.userId, removed: true };
    }),

    /**
     * The acceptance page: to whom the invitation is, for which events, and whether it works.
     * A mutation only so the token travels in the body: a query's would sit in a logged URL.
     */
    staffInvitation: publicProcedure
      .input(StaffInvitationTokenInput)
      .mutation(async ({ input }) => {
        const preview = await previewStaffInvitation(deps, input.token);
        if (!preview.ok) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: INVITATION_REFUSALS[preview.reason],
          });
        }
        const { ok: _ok, ...answer } = preview;
        return answer;
      }),

    /**
     * The invitee accepts: name and password make a staff account (the address is proven by the
     * link), or a staff account gets the invitation's events. The invitee then signs in.
     */
    acceptStaffInvitation: publicProcedure
      .input(AcceptStaffInvitationInput)
      .mutation(async ({ ctx, input }) => {
        const result = await acceptStaffInvitation(deps, {
          ...input,
          correlationId: ctx.correlationId,
        });
        if (result.ok) {
          return {
            email: result.account.email,
            name: result.account.name,
            created: result.created,
            eventIds: result.eventIds,
          };
        }
        switch (result.error) {
          case "refused":
            throw new TRPCError({
              code: "BAD_REQUEST",
              message: INVITATION_REFUSALS[result.reason],
            });
          case "taken":
            throw new TRPCError({
              code: "CONFLICT",
              message: `${result.email} already has ${ACCOUNT_KIND[result.role]} on Marquee, which cannot become door staff; ask the organizer to invite another address`,
            });
          case "field":
            throw new TRPCError({
              code: "BAD_REQUEST",
              message: `Invalid input: ${result.field}: ${result.message}`,
            });
          case "too-many-events":
            throw tooManyEvents();
        }
      }),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
