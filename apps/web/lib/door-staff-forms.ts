import { z } from "zod";

/**
 * The organizer's invitation form (browser and web router parse with the same schema, so each
 * field shows its own message before anything is sent).
 */
export const InviteStaffForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter the email address of the person to invite.")
    .max(254, "An email address is at most 254 characters.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  eventIds: z
    .array(z.uuid())
    .min(1, "Choose at least one event whose door they will work.")
    .max(50, "Choose at most 50 events."),
});
export type InviteStaffForm = z.infer<typeof InviteStaffForm>;

export const StaffMemberInput = z.object({ userId: z.uuid() });
export const StaffEventInput = z.object({ userId: z.uuid(), eventId: z.uuid() });
export const InvitationIdInput = z.object({ invitationId: z.uuid() });

/** The invitee's form on the acceptance page. */
export const AcceptInvitationForm = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, "Enter your name, as the organizer will see it.")
      .max(80, "Your name is at most 80 characters."),
    password: z.string().min(10, "Choose a password of at least 10 characters."),
    confirmPassword: z.string(),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });
export type AcceptInvitationForm = z.infer<typeof AcceptInvitationForm>;
