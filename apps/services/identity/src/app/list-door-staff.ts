import type { IdentityDeps } from "./deps";

/** The organizer's "Door staff" page: who may work which doors, and who is invited. */
export type DoorStaffView = {
  staff: { userId: string; email: string; name: string; eventIds: string[]; createdAt: string }[];
  invitations: {
    invitationId: string;
    email: string;
    eventIds: string[];
    createdAt: string;
    expiresAt: string;
    expired: boolean;
  }[];
};

export const listDoorStaff = async (
  deps: Pick<IdentityDeps, "doorStaff">,
  now = new Date(),
): Promise<DoorStaffView> => {
  const { staff, pending } = await deps.doorStaff.list();
  return {
    staff: staff.map((member) => ({
      userId: member.userId,
      email: member.email,
      name: member.displayName,
      eventIds: member.eventIds,
      createdAt: member.createdAt.toISOString(),
    })),
    invitations: pending.map((invitation) => ({
      invitationId: invitation.id,
      email: invitation.email,
      eventIds: invitation.eventIds,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
      expired: invitation.expiresAt <= now,
    })),
  };
};
