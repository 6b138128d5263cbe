import type { AppRouter as InventoryRouter } from "@marquee/inventory/router";
import {
  callService,
  createServiceClient,
  type ServiceCaller,
} from "@marquee/service/service-client";
import type { inferRouterOutputs } from "@trpc/server";

/** A hold as inventory's `myReservation` returns it. */
export type RemoteHold = inferRouterOutputs<InventoryRouter>["myReservation"];

/** Inventory could not be asked (down, timing out, answering 5xx or nothing readable). */
export class InventoryUnavailable extends Error {
  override name = "InventoryUnavailable";
}

export type InventoryClient = {
  /** The caller's hold with this id, or null when inventory knows none of theirs. */
  findMyHold(caller: ServiceCaller, reservationId: string): Promise<RemoteHold | null>;
  /** Gives the caller's hold up; `gone` when it is no longer theirs to release (expired, sold). */
  release(caller: ServiceCaller, reservationId: string): Promise<"released" | "gone">;
};

/**
 * Calls inventory's tRPC API with the customer's own bearer token, so inventory applies its own
 * ownership rules. Expected answers come back as values (null, `gone`); an outage, or a refusal
 * that should never happen, throws InventoryUnavailable, which the router answers as
 * SERVICE_UNAVAILABLE.
 */
export const createInventoryClient = (
  url: string,
  { timeoutMs = 5_000 }: { timeoutMs?: number } = {},
): InventoryClient => {
  const inventoryFor = (caller: ServiceCaller) =>
    createServiceClient<InventoryRouter>({ url, timeoutMs }, caller);

  return {
    async findMyHold(caller, reservationId) {
      const answer = await callService(() =>
        inventoryFor(caller).myReservation.query({ reservationId }),
      );
      if (answer.ok) return answer.value;
      if (answer.error.kind === "refused" && answer.error.code === "NOT_FOUND") return null;
      throw new InventoryUnavailable(`inventory myReservation: ${describe(answer.error)}`);
    },
    async release(caller, reservationId) {
      const answer = await callService(() =>
        inventoryFor(caller).release.mutate({ reservationId }),
      );
      if (answer.ok) return "released";
      const { error } = answer;
      if (error.kind === "refused" && (error.code === "NOT_FOUND" || error.code === "CONFLICT")) {
        return "gone";
      }
      throw new InventoryUnavailable(`inventory release: ${describe(error)}`);
    },
  };
};

const describe = (error: { kind: string; message: string; code?: string }) =>
  error.kind === "refused" ? `refused ${error.code}: ${error.message}` : error.message;
