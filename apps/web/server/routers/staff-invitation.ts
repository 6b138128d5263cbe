import { z } from "zod";
import { identityFor, isIdentityError } from "../../lib/identity-client";
import { publicProcedure, router } from "../trpc";

/** A door staff invitation as its link's page shows it, or why the link does not work. */
export type InvitationView =
  | {
      ok: true;
      email: string;
      /** The events' names (catalog's, for published events; drafts are not public yet). */
      eventNames: string[];
      expiresAt: string;
      account: "none" | "staff" | "other";
    }
  | { ok: false; message: string };

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** Identity's refusal ("token: this invitation has expired; …") as the invitee reads it. */
export const invitationRefusal = (error: unknown, fallback: string): string =>
  isIdentityError(error) && error.data?.httpStatus !== 500
    ? sentence(error.message.replace(/^token: /, ""))
    : fallback;

const InvitationInput = z.object({ token: z.string().min(1, "token: required") });

/** `/staff-invitation?token=…`: read before anyone is signed in; nothing is spent by reading. */
export const staffInvitationRouter = router({
  read: publicProcedure
    .input(InvitationInput)
    .query(async ({ ctx, input }): Promise<InvitationView> => {
      try {
        const identity = identityFor(ctx.caller.ip ?? undefined);
        const invitation = await identity.staffInvitation.mutate(input);
        const eventNames = await Promise.all(
          invitation.eventIds.map((eventId) =>
            ctx.services.catalog.event
              .query({ eventId })
              .then((event) => event.name)
              .catch(() => "an event not yet published"),
          ),
        );
        return { ok: true, ...invitation, eventNames };
      } catch (error) {
        return {
          ok: false,
          message: invitationRefusal(
            error,
            "Invitations cannot be read right now. Please try again.",
          ),
        };
      }
    }),
});
