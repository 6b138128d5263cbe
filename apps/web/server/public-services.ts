import "server-only";
import { TRPCClientError } from "@trpc/client";
import { headers } from "next/headers";
import { clientAddressOf } from "../lib/client-address";
import { servicesFor } from "./services";

/** Services for a server component's public reads (no token: only what anyone may see). */
export const publicServices = async () => {
  const ip = clientAddressOf(await headers());
  return servicesFor({ token: null, ip });
};

export const isNotFound = (error: unknown) =>
  error instanceof TRPCClientError &&
  ((error.data as { code?: string } | undefined)?.code === "NOT_FOUND" ||
    (error.data as { code?: string } | undefined)?.code === "BAD_REQUEST");
