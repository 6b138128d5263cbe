import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { EventDefinition, EventOf } from "./define-event";

/** Where an event comes from: the request or the event that caused it. */
export type EventCause = { correlationId: string; causationId?: string };

/** The cause to stamp on events a handler publishes in reaction to `event`. */
export const causedBy = (event: { id: string; correlationId: string }): EventCause => ({
  correlationId: event.correlationId,
  causationId: event.id,
});

/**
 * Builds a validated envelope. Invalid data here is a programming error in the producer, so it
 * throws rather than letting a malformed event reach the outbox.
 */
export const createEvent = <TDef extends EventDefinition>(
  def: TDef,
  input: { key: string; data: z.input<TDef["data"]> } & EventCause,
): EventOf<TDef> => {
  const data: unknown = def.data.parse(input.data);
  return {
    id: randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt: new Date().toISOString(),
    key: input.key,
    correlationId: input.correlationId,
    ...(input.causationId ? { causationId: input.causationId } : {}),
    data,
  } as EventOf<TDef>;
};
