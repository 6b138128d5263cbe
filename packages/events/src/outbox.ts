import type { MarqueeEvent } from "./registry";
import { findDefinition } from "./registry";
import type { SqlTx } from "./sql";

/**
 * Records an event in the caller's transaction. It is published by the outbox relay after the
 * transaction commits, and never if it rolls back.
 */
export const enqueue = async (tx: SqlTx, ...events: MarqueeEvent[]): Promise<void> => {
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
      JSON.stringify({ correlationId: event.correlationId }),
    );
  }
};
