import { authedProcedure } from "@marquee/service/auth";
import { verifyGuestToken } from "@marquee/service/guest-token";
import { z } from "zod";
import { adoptGuestHolds } from "../../app/adopt-guest-holds";
import type { InventoryDeps } from "../../app/deps";
import { adoptErrorToTRPC } from "./adopt-guest-holds-errors";

/**
 * Web → inventory, at sign-in: the guest token the browser held seats with before; its live holds
 * become the signed-in account's.
 */
export const AdoptGuestHoldsInput = z.object({ guestToken: z.string().min(1).max(4_000) });
export type AdoptGuestHoldsInput = z.infer<typeof AdoptGuestHoldsInput>;

/** `adoptGuestHolds`: answers `{ reservationIds }`, the holds that moved (none when run again). */
export const adoptGuestHoldsProcedure = (deps: Pick<InventoryDeps, "db" | "settings">) =>
  authedProcedure.input(AdoptGuestHoldsInput).mutation(async ({ ctx, input }) => {
    const guest = await verifyGuestToken(ctx.auth.verifier, input.guestToken);
    const result = await adoptGuestHolds(deps, { account: ctx.user, guest });
    if (!result.ok) throw adoptErrorToTRPC(result.error);
    return result.value;
  });
