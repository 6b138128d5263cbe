import { queueRefundsNowAddressed } from "../adapters/db/delivery-store";
import type { NotificationDeps } from "./deps";

/**
 * Queues the refund emails that were waiting for their order's address and now have it (see
 * `queueRefundEmail`). Resolves with how many.
 */
export const queueAddressedRefunds = async (deps: NotificationDeps): Promise<number> => {
  const queued = await queueRefundsNowAddressed(deps.db);
  if (queued > 0) deps.log.info({ queued }, "refund emails queued now their addresses are known");
  return queued;
};
