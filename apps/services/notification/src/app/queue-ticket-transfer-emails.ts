import { randomUUID } from "node:crypto";
import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import { insertDeliveryOnce, type SqlTx } from "../adapters/db/delivery-store";
import { dedupeKeyOf, type DeliveryPayload } from "../domain/delivery";

/**
 * A ticket transfer's two emails, queued in the consumer's transaction: to the sender, saying
 * whom it went to; to the recipient, with the new ticket and how to find it under "My tickets".
 * Each is keyed by the seat's new ticket, so a redelivered or re-sent ticket-transferred is one
 * email of each. They belong to the transfer, not to the order's delivery history (order_id
 * null): the order's customer may be neither of the two.
 */
export const queueTicketTransferEmails = async (
  tx: SqlTx,
  { data }: EventOfType<"fulfillment.ticket-transferred">,
  log: EventLog,
  webUrl: string,
): Promise<{ sent: boolean; received: boolean }> => {
  const { ticket } = data;
  const event = data.event ?? null;
  const signIn = new URL("/sign-in", webUrl);
  signIn.searchParams.set("callbackUrl", "/account/tickets");
  const emails: { customerId: string; to: string; payload: DeliveryPayload }[] = [
    {
      customerId: data.fromCustomerId,
      to: data.fromEmail,
      payload: {
        kind: "ticket-sent",
        ticketId: ticket.ticketId,
        toEmail: data.toEmail,
        event,
        seat: { section: ticket.section, row: ticket.row, number: ticket.number },
      },
    },
    {
      customerId: ticket.ticketId,
      to: data.toEmail,
      payload: {
        kind: "ticket-received",
        orderId: data.orderId,
        toEmail: data.toEmail,
        from: data.fromName ? `${data.fromName} (${data.fromEmail})` : data.fromEmail,
        event,
        ticket: {
          ticketId: ticket.ticketId,
          section: ticket.section,
          row: ticket.row,
          number: ticket.number,
          code: ticket.code,
          shortCode: ticket.shortCode,
        },
        signInLink: signIn.toString(),
        signUpLink: new URL("/sign-up", webUrl).toString(),
      },
    },
  ];
  const queued: boolean[] = [];
  for (const { customerId, to, payload } of emails) {
    queued.push(
      await insertDeliveryOnce(tx, {
        id: randomUUID(),
        dedupeKey: dedupeKeyOf(payload),
        orderId: null,
        customerId,
        kind: payload.kind,
        toAddress: to,
        payload,
      }),
    );
  }
  const [sent = false, received = false] = queued;
  log.info(
    { orderId: data.orderId, ticketId: ticket.ticketId, sent, received },
    "ticket transfer emails queued",
  );
  return { sent, received };
};
