import { z } from "zod";
import { keepRefusalMessage } from "../refusal-message";
import { authedProcedure, router } from "../trpc";

/** Browser → web: one event's waiting room, for the visitor of the session. */
export const WaitingRoomEventInput = z.object({ eventId: z.uuid() });
export type WaitingRoomEventInput = z.infer<typeof WaitingRoomEventInput>;

/**
 * Browser → web: join an event's waiting room. `proof` is the solved proof of work (purpose
 * "waiting-room") that `solveProofOfWork` returns; inventory verifies it once.
 */
export const JoinWaitingRoomInput = z.object({
  eventId: z.uuid(),
  proof: z.string().min(1, "proof: solve the challenge first").max(10_000),
});
export type JoinWaitingRoomInput = z.infer<typeof JoinWaitingRoomInput>;

/**
 * The waiting room (inventory keeps it in Redis): the visitor is the session's customer or guest,
 * so the place survives a reload. The status carries the admission token once admitted; the page
 * keeps it in memory and sends it with each hold.
 */
export const waitingRoomRouter = router({
  status: authedProcedure
    .input(WaitingRoomEventInput)
    .query(({ ctx, input }) => ctx.services.inventory.waitingRoomStatus.query(input)),

  join: authedProcedure
    .input(JoinWaitingRoomInput)
    .mutation(({ ctx, input }) =>
      ctx.services.inventory.joinWaitingRoom.mutate(input).catch(keepRefusalMessage("FORBIDDEN")),
    ),
});
