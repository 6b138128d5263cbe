import { createEvent } from "@marquee/events/create-event";
import { StaffInvited } from "@marquee/events/contracts/identity";
import type { StaffInvitationInput } from "../domain/door-staff";
import type { IdentityDeps } from "./deps";
import { newInvitationToken } from "./staff-invitation-token";

export type InviteStaffResult =
  | { ok: true; outcome: "invited" | "events-added"; invitationId: string; email: string }
  | { ok: false; error: "taken"; role: "customer" | "admin" }
  | { ok: false; error: "too-many-events" };

/**
 * An organizer invites door staff to some events. A new address gets an invitation whose link
 * (in `identity.staff-invited`, emailed by notification) works once until it expires; an address
 * that is a staff account already gets the events at once and an email saying so. A customer's or
 * an organizer's address is refused: door staff sign in with an address of their own.
 */
export const inviteStaff = async (
  deps: Pick<IdentityDeps, "doorStaff" | "staffInvitations">,
  input: StaffInvitationInput & {
    invitedBy: { id: string; name: string };
    correlationId: string;
  },
): Promise<InviteStaffResult> => {
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + deps.staffInvitations.ttlSeconds * 1_000);
  const outcome = await deps.doorStaff.invite(
    {
      email: input.email,
      eventIds: input.events.map((event) => event.eventId),
      invitedBy: input.invitedBy.id,
      tokenHash,
      expiresAt,
    },
    ({ kind, invitationId }) => [
      createEvent(StaffInvited, {
        key: invitationId,
        correlationId: input.correlationId,
        data: {
          invitationId,
          email: input.email,
          events: input.events,
          invitedByName: input.invitedBy.name,
          token: kind === "invited" ? token : null,
          expiresAt: kind === "invited" ? expiresAt.toISOString() : null,
        },
      }),
    ],
  );
  switch (outcome.kind) {
    case "invited":
    case "events-added":
      return {
        ok: true,
        outcome: outcome.kind,
        invitationId: outcome.invitationId,
        email: input.email,
      };
    case "taken":
      return { ok: false, error: "taken", role: outcome.role };
    case "too-many-events":
      return { ok: false, error: "too-many-events" };
  }
};
