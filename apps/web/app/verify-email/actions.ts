"use server";

import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@marquee/identity/router";
import { identity, isIdentityError } from "../../lib/identity-client";
import { serverEnv } from "../../lib/server-env";
import { getAccessToken } from "../../lib/session";

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

export type ResendResult = { ok: true; message: string } | { ok: false; message: string };

/** Asks identity to email the signed-in account a new link (the old one expired or was lost). */
export async function sendNewLink(): Promise<ResendResult> {
  const token = await getAccessToken();
  if (!token) return { ok: false, message: "Sign in first, then ask for a new link here." };
  const asUser = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverEnv.IDENTITY_URL}/trpc`,
        headers: { authorization: `Bearer ${token}` },
      }),
    ],
  });
  try {
    const result = await asUser.resendVerification.mutate();
    return {
      ok: true,
      message: result.alreadyVerified
        ? `${result.email} is already confirmed.`
        : `A new link is on its way to ${result.email}.`,
    };
  } catch (error) {
    if (isIdentityError(error) && error.data?.httpStatus !== 500) {
      return {
        ok: false,
        message: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`,
      };
    }
    return { ok: false, message: "Sending a new link is unavailable right now. Please try again." };
  }
}
