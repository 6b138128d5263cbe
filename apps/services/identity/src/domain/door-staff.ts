import { MAX_DOOR_EVENTS } from "@marquee/service/door-staff-limits";
import { z } from "zod";
import { DisplayName, Email } from "./credentials";

/** One event of an invitation: catalog's id, and its name as the organizer saw it (for the email). */
export const InvitedEvent = z.object({
  eventId: z.uuid("must be an event id"),
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
});

/** The organizer's "Door staff" page → `inviteStaff`: whom, and which events' doors. */
export const StaffInvitationInput = z.object({
  email: Email,
  events: z
    .array(InvitedEvent)
    .min(1, "choose at least one event")
    .max(MAX_DOOR_EVENTS, `at most ${MAX_DOOR_EVENTS} events`)
    .refine(
      (events) => new Set(events.map((e) => e.eventId)).size === events.length,
      "each event only once",
    ),
});
export type StaffInvitationInput = z.infer<typeof StaffInvitationInput>;

/** The token of an invitation link (`/staff-invitation?token=…`). */
export const InvitationToken = z.string().min(1).max(200);

/** The acceptance page → `staffInvitation`. */
export const StaffInvitationTokenInput = z.object({ token: InvitationToken });
export type StaffInvitationTokenInput = z.infer<typeof StaffInvitationTokenInput>;

/**
 * The acceptance page → `acceptStaffInvitation`: the name and password of the new staff account
 * (the password rules of sign-up apply, checked against the invited address). Both may be left
 * out when the address is a staff account already.
 */
export const AcceptStaffInvitationInput = z.object({
  token: InvitationToken,
  displayName: DisplayName.optional(),
  password: z.string().max(1_024, "is too long").optional(),
});
export type AcceptStaffInvitationInput = z.infer<typeof AcceptStaffInvitationInput>;

export const StaffMemberInput = z.object({ userId: z.uuid("must be a user id") });
export const StaffEventInput = z.object({
  userId: z.uuid("must be a user id"),
  eventId: z.uuid("must be an event id"),
});
export const InvitationIdInput = z.object({ invitationId: z.uuid("must be an invitation id") });
