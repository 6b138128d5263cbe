import { createEvent } from "@marquee/events/create-event";
import { EmailVerified } from "@marquee/events/contracts/identity";
import type { InvitationRefusal } from "../adapters/db/door-staff";
import { passwordProblem } from "../domain/credentials";
import type { AcceptStaffInvitationInput } from "../domain/door-staff";
import { toAccount, type Account } from "./account";
import type { IdentityDeps } from "./deps";
import { hashInvitationToken } from "./staff-invitation-token";

export type AcceptStaffInvitationResult =
  | { ok: true; account: Account; created: boolean; eventIds: string[] }
  | { ok: false; error: "refused"; reason: InvitationRefusal }
  | { ok: false; error: "taken"; email: string; role: "customer" | "admin" }
  | { ok: false; error: "field"; field: "displayName" | "password"; message: string }
  | { ok: false; error: "too-many-events" };

/**
 * The invitee follows the emailed link: the invitation is spent (once, before it expires, unless
 * revoked) and the address becomes a staff account with the invitation's events, or, if it is
 * one already, gets them added. An address that has a customer or organizer account is refused
 * and nothing changes: a staff account can do nothing but check tickets in, and must not take an
 * account's place. Following the link proves the address, so the new account is verified
 * (`identity.email-verified` goes out with it).
 */
export const acceptStaffInvitation = async (
  deps: Pick<IdentityDeps, "doorStaff" | "passwords">,
  input: AcceptStaffInvitationInput & { correlationId: string },
): Promise<AcceptStaffInvitationResult> => {
  const tokenHash = hashInvitationToken(input.token);
  const invitation = await deps.doorStaff.findInvitation(tokenHash);
  let account: { passwordHash: string; displayName: string } | null = null;
  if (invitation && input.password !== undefined) {
    if (input.displayName === undefined) {
      return { ok: false, error: "field", field: "displayName", message: "must not be empty" };
    }
    const problem = passwordProblem(input.password, invitation.email);
    if (problem) return { ok: false, error: "field", field: "password", message: problem };
    account = {
      passwordHash: await deps.passwords.hash(input.password),
      displayName: input.displayName,
    };
  }
  const outcome = await deps.doorStaff.accept(
    { tokenHash, account, now: new Date() },
    (user, verifiedAt) =>
      verifiedAt
        ? [
            createEvent(EmailVerified, {
              key: user.id,
              correlationId: input.correlationId,
              data: { userId: user.id, email: user.email, verifiedAt: verifiedAt.toISOString() },
            }),
          ]
        : [],
  );
  switch (outcome.kind) {
    case "created":
    case "events-added":
      return {
        ok: true,
        account: toAccount(outcome.user),
        created: outcome.kind === "created",
        eventIds: outcome.eventIds,
      };
    case "refused":
      return { ok: false, error: "refused", reason: outcome.reason };
    case "taken":
      return { ok: false, error: "taken", email: outcome.email, role: outcome.role };
    case "account-details-missing":
      return { ok: false, error: "field", field: "password", message: "choose a password" };
    case "too-many-events":
      return { ok: false, error: "too-many-events" };
  }
};
