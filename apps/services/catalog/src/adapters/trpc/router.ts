import { publicProcedure, router } from "@marquee/service/trpc";

/** Catalog's API. Called by the web server, which imports only the `AppRouter` type. */
export const appRouter = router({
  ping: publicProcedure.query(() => ({ service: "catalog", time: new Date().toISOString() })),
});

export type AppRouter = typeof appRouter;
