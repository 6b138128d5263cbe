"use server";

import { headers } from "next/headers";
import { clientAddressOf } from "../../lib/client-address";
import { identityFor, isIdentityError } from "../../lib/identity-client";
import { invitationRefusal } from "../../server/routers/staff-invitation";

export type { InvitationView } from "../../server/routers/staff-invitation";

export type AcceptResult =
  | { ok: true; email: string; created: boolean }
  | {
      ok: false;
      fieldErrors: Partial<Record<"displayName" | "password", string>>;
      formError?: string;
    };

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

const identity = async () => identityFor(clientAddressOf(await headers()) ?? undefined);

/** Spends the invitation: a new door staff account with this name and password (or events added). */
export async function acceptInvitation(fields: {
  token: string;
  displayName?: string;
  password?: string;
}): Promise<AcceptResult> {
  try {
    const result = await (await identity()).acceptStaffInvitation.mutate(fields);
    return { ok: true, email: result.email, created: result.created };
  } catch (error) {
    if (!isIdentityError(error) || error.data?.httpStatus === 500) {
      return {
        ok: false,
        fieldErrors: {},
        formError: "Accepting is unavailable right now. Please try again.",
      };
    }
    // "Invalid input: password: must be at least 10 characters" → at the password field.
    const field = /^Invalid input: (displayName|password): (.*)$/.exec(error.message);
    if (field?.[1] === "displayName" || field?.[1] === "password") {
      return { ok: false, fieldErrors: { [field[1]]: sentence(field[2] ?? "") } };
    }
    return { ok: false, fieldErrors: {}, formError: invitationRefusal(error, error.message) };
  }
}
