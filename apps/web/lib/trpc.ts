import { createTRPCReact } from "@trpc/react-query";
import type { AppRouter } from "../server/routers/app";

/** The browser's typed hooks for the web's own API (`/api/trpc`). */
export const trpc = createTRPCReact<AppRouter>();
