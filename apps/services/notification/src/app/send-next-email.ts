import {
  lockNextDueDelivery,
  markDeliverySent,
  recordFailedAttempt,
  type DeliveryRow,
} from "../adapters/db/delivery-store";
import { contextFromHeaders, inSpan, SpanKind } from "@marquee/events/trace-context";
import { DeliveryPayload } from "../domain/delivery";
import { afterFailedAttempt } from "../domain/retry-policy";
import { renderEmail } from "../emails/render-email";
import type { NotificationDeps } from "./deps";

// Room for a full SMTP conversation (three timeouts) inside the transaction that holds the row.
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 } as const;

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Sends the next due email, if any; resolves with whether there was one. The row stays locked
 * (FOR UPDATE SKIP LOCKED) while SMTP talks, so no other sender picks it up, and the outcome
 * commits with the lock. An email is sent again only if the process dies between the server's
 * acceptance and that commit; its Message-ID is the same then, so the repeat is recognisable.
 */
export const sendNextEmail = async (deps: NotificationDeps): Promise<boolean> =>
  deps.db.$transaction(async (tx) => {
    const delivery = await lockNextDueDelivery(tx);
    if (!delivery) return false;
    try {
      const messageId = await deliver(deps, delivery);
      await markDeliverySent(tx, delivery.id, messageId, deps.now?.() ?? new Date());
      deps.log.info(
        {
          orderId: delivery.orderId,
          kind: delivery.kind,
          attempts: delivery.attempts + 1,
          messageId,
        },
        "email sent",
      );
    } catch (error) {
      const attempts = delivery.attempts + 1;
      const next = afterFailedAttempt(deps.retry, attempts, error);
      const retryInMs = next.status === "pending" ? next.retryInMs : null;
      await recordFailedAttempt(tx, delivery.id, describeError(error), retryInMs);
      const fields = {
        orderId: delivery.orderId,
        kind: delivery.kind,
        attempts,
        retryInMs,
        err: error,
      };
      if (retryInMs === null) deps.log.error(fields, "email failed for good");
      else deps.log.warn(fields, "email not sent; will retry");
    }
    return true;
  }, TX_OPTIONS);

/** Renders and sends one email in a CLIENT span continuing the trace of the event that queued it. */
const deliver = (deps: NotificationDeps, delivery: DeliveryRow): Promise<string> =>
  inSpan(
    `smtp send ${delivery.kind}`,
    {
      kind: SpanKind.CLIENT,
      parent: contextFromHeaders(delivery.traceHeaders),
      attributes: { "email.kind": delivery.kind, "email.attempt": delivery.attempts + 1 },
    },
    async () => {
      const payload = DeliveryPayload.parse(delivery.payload);
      const email = await renderEmail(payload);
      const { messageId } = await deps.mailer.send({
        ...email,
        to: delivery.toAddress,
        messageId: `<${delivery.id}@${deps.messageIdDomain}>`,
      });
      return messageId;
    },
  );
