import type { InvitationRefusal } from "../adapters/db/door-staff";
import type { IdentityDeps } from "./deps";
import { hashInvitationToken } from "./staff-invitation-token";

export type StaffInvitationPreview =
  | {
      ok: true;
      email: string;
      eventIds: string[];
      expiresAt: string;
      /** `staff`: accepting adds the events; `other`: a customer or organizer address, refused. */
      account: "none" | "staff" | "other";
    }
  | { ok: false; reason: InvitationRefusal };

/** What the acceptance page shows before the invitee answers: to whom, for which events. */
export const previewStaffInvitation = async (
  deps: Pick<IdentityDeps, "doorStaff" | "users">,
  token: string,
  now = new Date(),
): Promise<StaffInvitationPreview> => {
  const invitation = await deps.doorStaff.findInvitation(hashInvitationToken(token));
  if (!invitation) return { ok: false, reason: "invalid" };
  if (invitation.revokedAt) return { ok: false, reason: "revoked" };
  if (invitation.acceptedAt) return { ok: false, reason: "used" };
  if (invitation.expiresAt <= now) return { ok: false, reason: "expired" };
  const user = await deps.users.findByEmail(invitation.email);
  return {
    ok: true,
    email: invitation.email,
    eventIds: invitation.eventIds,
    expiresAt: invitation.expiresAt.toISOString(),
    account: !user ? "none" : user.role === "staff" ? "staff" : "other",
  };
};
