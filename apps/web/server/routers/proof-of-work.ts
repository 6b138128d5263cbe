import { z } from "zod";
import { identityFor } from "../../lib/identity-client";
import { publicProcedure, router } from "../trpc";

/**
 * What a challenge is for: a guest token or a sign-in after failures (identity), or a waiting-room
 * join (inventory).
 */
export const ProofOfWorkChallengeInput = z.object({
  purpose: z.enum(["guest", "sign-in", "waiting-room"]),
});
export type ProofOfWorkChallengeInput = z.infer<typeof ProofOfWorkChallengeInput>;

/**
 * Browser → web → identity: a proof-of-work challenge the browser solves before asking for a guest
 * token or joining a waiting room (`lib/proof-of-work.ts`). Identity signs it with the key inventory
 * also verifies with, so one issuer serves both purposes.
 */
export const proofOfWorkRouter = router({
  challenge: publicProcedure
    .input(ProofOfWorkChallengeInput)
    .query(({ ctx, input }) =>
      identityFor(ctx.caller.ip ?? undefined).proofOfWorkChallenge.query(input),
    ),
});
