import { causedBy } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import type { SqlTx } from "../adapters/db/ordering-store";
import { afterTicketsIssued } from "../domain/order-status";
import { changeOrder } from "./change-order";

/** Fulfillment issued the tickets of a confirmed order. */
export const applyTicketsIssued = (
  tx: SqlTx,
  event: EventOfType<"fulfillment.tickets-issued">,
  log: EventLog,
): Promise<void> =>
  changeOrder(tx, event.data.orderId, causedBy(event), log, (order) => ({
    status: afterTicketsIssued(order.status),
  }));
