import { catalogEvents } from "./contracts/catalog";
import { fulfillmentEvents } from "./contracts/fulfillment";
import { identityEvents } from "./contracts/identity";
import { inventoryEvents } from "./contracts/inventory";
import { orderingEvents } from "./contracts/ordering";
import { paymentEvents } from "./contracts/payment";
import { type EventDefinition, type EventOf } from "./define-event";
import type { Topic } from "./topics";

/** Every event Marquee publishes; the one list parsing, typing and handler maps derive from. */
export const allEvents = [
  ...identityEvents,
  ...catalogEvents,
  ...inventoryEvents,
  ...orderingEvents,
  ...paymentEvents,
  ...fulfillmentEvents,
] as const;

type AnyDefinition = (typeof allEvents)[number];

export type MarqueeEvent = EventOf<AnyDefinition>;
export type EventType = MarqueeEvent["type"];
export type EventOfType<TType extends EventType> = Extract<MarqueeEvent, { type: TType }>;
/** The events that travel on one topic: what a consumer of that topic must handle. */
export type EventOnTopic<TTopic extends Topic> = EventOf<Extract<AnyDefinition, { topic: TTopic }>>;

const byType = new Map<string, EventDefinition>(
  allEvents.map((def) => [def.type, def as unknown as EventDefinition]),
);

export const findDefinition = (type: string): EventDefinition | undefined => byType.get(type);
