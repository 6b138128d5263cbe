import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";

/**
 * For `promise.catch(...)`: a service refusal with one of `codes` keeps the service's own message
 * instead of the generic sentence `toFriendlyError` gives that code. Inventory words its waiting
 * room refusals for people ("no admission: join the waiting room first"), and a visitor needs to
 * know which one it was; anything else is rethrown as it came.
 */
export const keepRefusalMessage =
  (...codes: TRPCError["code"][]) =>
  (error: unknown): never => {
    if (error instanceof TRPCClientError) {
      const code = (error.data as { code?: TRPCError["code"] } | undefined)?.code;
      // No `cause`: the friendly-errors middleware would map it back to the generic sentence.
      if (code && codes.includes(code)) throw new TRPCError({ code, message: error.message });
    }
    throw error;
  };
