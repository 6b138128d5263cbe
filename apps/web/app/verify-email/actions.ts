"use server";

import { identity, isIdentityError } from "../../lib/identity-client";

export type VerifyEmailResult =
  { ok: true; email: string; alreadyVerified: boolean } | { ok: false; message: string };

/** Hands the link's token to identity, which marks the account's address as proven. */
export async function confirmEmail(token: string): Promise<VerifyEmailResult> {
  try {
    const result = await identity.verifyEmail.mutate({ token });
    return { ok: true, ...result };
  } catch (error) {
    if (isIdentityError(error) && error.data?.code === "BAD_REQUEST") {
      // "token: this verification link has expired; …" → the sentence after the field name.
      const message = error.message.replace(/^token: /, "");
      return { ok: false, message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.` };
    }
    return { ok: false, message: "Confirming is unavailable right now. Please try again." };
  }
}
