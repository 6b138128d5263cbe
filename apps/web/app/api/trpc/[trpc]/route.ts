import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../../../../server/routers/app";
import { createContext } from "../../../../server/trpc";

// Sessions and service data are per user: never cache these answers.
export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req.headers),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`trpc ${path ?? "?"}:`, error.cause ?? error);
      }
    },
  });

export { handler as GET, handler as POST };
