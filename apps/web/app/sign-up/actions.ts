"use server";

import { headers } from "next/headers";
import { clientAddressOf } from "../../lib/client-address";
import { identityFor, isIdentityError } from "../../lib/identity-client";

export type SignUpFields = { email: string; password: string; displayName: string };
export type SignUpResult =
  | { ok: true; email: string }
  | { ok: false; fieldErrors: Partial<Record<keyof SignUpFields, string>>; formError?: string };

const FIELDS = ["email", "password", "displayName"] as const;

/**
 * Asks identity for the account. Its answer is the same whether the address was new or already had
 * an account (whose owner is emailed instead), so this tells the form only that an email is on its
 * way; the customer then signs in.
 */
export async function registerAccount(fields: SignUpFields): Promise<SignUpResult> {
  try {
    // The browser's address (as server.ts resolved it), for identity's per-address sign-up limit.
    const clientIp = clientAddressOf(await headers());
    const { email } = await identityFor(clientIp ?? undefined).register.mutate(fields);
    return { ok: true, email };
  } catch (error) {
    if (!isIdentityError(error)) throw error;
    // "too many sign-ups; try again in N seconds"
    if (error.data?.code === "TOO_MANY_REQUESTS") {
      return {
        ok: false,
        fieldErrors: {},
        formError: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`,
      };
    }
    const zodError = (
      error.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined
    )?.zodError;
    if (error.data?.code === "BAD_REQUEST" && zodError?.fieldErrors) {
      const fieldErrors: Partial<Record<keyof SignUpFields, string>> = {};
      for (const field of FIELDS) {
        const [first] = zodError.fieldErrors[field] ?? [];
        if (first) fieldErrors[field] = `${first.charAt(0).toUpperCase()}${first.slice(1)}.`;
      }
      return { ok: false, fieldErrors };
    }
    return {
      ok: false,
      fieldErrors: {},
      formError: "Sign-up is unavailable right now. Please try again.",
    };
  }
}
