/**
 * Kafka topics, one per owning aggregate, keyed by the aggregate id so one aggregate's events stay
 * in order. Created explicitly at setup (auto-create is off on our brokers).
 */
export const Topics = {
  identityAccounts: "identity.accounts",
  catalogEvents: "catalog.events",
  inventoryReservations: "inventory.reservations",
  orderingOrders: "ordering.orders",
  paymentPayments: "payment.payments",
  fulfillmentTickets: "fulfillment.tickets",
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly Topic[] = Object.values(Topics);

/** Where a consumer parks a message it can never parse or apply, so its partition keeps flowing. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;

export const TOPIC_PARTITIONS = 6;
