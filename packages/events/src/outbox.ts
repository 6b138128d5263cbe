import type { MarqueeEvent } from "./registry";
import { findDefinition } from "./registry";
import type { SqlTx } from "./sql";
import { traceHeaders } from "./trace-context";

/**
 * Records an event in the caller's transaction. It is published by the outbox relay after the
 * transaction commits, and never if it rolls back. The row's headers carry the correlation id and
 * the active trace context (`traceparent`), which the relay puts on the Kafka message, so the
 * consumers' spans continue the trace of the request or event that caused this one.
 */
export const enqueue = async (tx: SqlTx, ...events: MarqueeEvent[]): Promise<void> => {
  const trace = traceHeaders();
  for (const event of events) {
    const def = findDefinition(event.type);
    if (!def) throw new Error(`cannot enqueue unknown event type "${event.type}"`);
    await tx.$executeRawUnsafe(
      `INSERT INTO outbox_message (id, topic, key, type, payload, headers)
       VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::jsonb)`,
      event.id,
      def.topic,
      event.key,
      event.type,
      JSON.stringify(event),
      JSON.stringify({ correlationId: event.correlationId, ...trace }),
    );
  }
};
