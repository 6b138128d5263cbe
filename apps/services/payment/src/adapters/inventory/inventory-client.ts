import {
  callService,
  createServiceClient,
  type ServiceCaller,
} from "@marquee/service/service-client";
import type { AnyRouter } from "@trpc/server";
import { z } from "zod";

/** Inventory's answer to a pin, parsed at the boundary. */
const PinAnswer = z.object({ pinnedUntil: z.iso.datetime() });

/** Inventory's procedure payment calls, as it answers over HTTP. */
type InventoryApi = {
  pinForPayment: {
    mutate(input: { paymentId: string; reservationIds: string[] }): Promise<unknown>;
  };
};

/**
 * What came of asking inventory to pin an order's holds for a payment:
 * - `pinned`: until then no hold expires or is released; payment-succeeded sells them all;
 * - `ended`: inventory refused because a hold had ended (CONFLICT): nothing may be charged;
 * - `unavailable`: inventory could not be asked; the charge goes ahead unpinned and ordering
 *   confirms once inventory has sold the seats, as without pins.
 */
export type PinOutcome =
  | { kind: "pinned"; pinnedUntil: Date }
  | { kind: "ended"; message: string }
  | { kind: "unavailable"; message: string };

export type InventoryClient = {
  pinForPayment(
    caller: ServiceCaller,
    pin: { paymentId: string; reservationIds: string[] },
  ): Promise<PinOutcome>;
};

/**
 * Calls inventory's tRPC API with the customer's own bearer token, so inventory pins only holds
 * that are the customer's. Inventory answers within milliseconds; a short timeout keeps a slow
 * inventory from holding up the pay request (the charge then goes ahead unpinned).
 */
export const createInventoryClient = (
  url: string,
  { timeoutMs = 2_000 }: { timeoutMs?: number } = {},
): InventoryClient => ({
  async pinForPayment(caller, pin) {
    const inventory = createServiceClient<AnyRouter>({ url, timeoutMs }, caller) as unknown;
    const answer = await callService(() => (inventory as InventoryApi).pinForPayment.mutate(pin));
    if (!answer.ok) {
      const { error } = answer;
      // Only a hold that ended is a reason not to charge. Anything else (an inventory without
      // this procedure answers NOT_FOUND) leaves the charge unpinned, as an outage does.
      if (error.kind === "refused" && error.code === "CONFLICT") {
        return { kind: "ended", message: error.message };
      }
      return {
        kind: "unavailable",
        message: `inventory pinForPayment: ${error.kind === "refused" ? `${error.code} ` : ""}${error.message}`,
      };
    }
    const parsed = PinAnswer.safeParse(answer.value);
    if (!parsed.success) {
      return { kind: "unavailable", message: `inventory pinForPayment: unreadable answer` };
    }
    return { kind: "pinned", pinnedUntil: new Date(parsed.data.pinnedUntil) };
  },
});
