import { router } from "../trpc";
import { eventsRouter } from "./events";

/** The web's tRPC API at /api/trpc: one router per area of the site. */
export const appRouter = router({
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
