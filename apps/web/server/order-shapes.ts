import type { Services } from "./services";

// The shapes agreed for issue 7 for ordering, fulfillment and notification. Their routers are
// being written; until they export these procedures, the web calls them through the casts below,
// which go once the services' `AppRouter` types carry them.

export type OrderStatus =
  | "draft"
  | "pending"
  | "paid"
  | "confirmed"
  | "fulfilled"
  | "payment_failed"
  | "expired"
  | "cancelled"
  | "failed"
  | "refunded";

export type OrderSeat = {
  seatId: string;
  section: string;
  row: string;
  number: number;
  priceCents: number;
};

/** Ordering → web: an order (a cart while `draft`). */
export type OrderView = {
  orderId: string;
  eventId: string;
  customerId: string;
  email: string;
  status: OrderStatus;
  items: { reservationId: string; expiresAt: string; seats: OrderSeat[] }[];
  totalCents: number;
  currency: string;
  expiresAt: string | null;
  lastPaymentError: { reason: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
};

/** Fulfillment → web: one issued ticket. */
export type TicketView = {
  ticketId: string;
  orderId: string;
  eventId: string;
  eventName: string;
  venueName: string;
  startsAt: string;
  timeZone: string;
  section: string;
  row: string;
  number: number;
  code: string;
  qrSvg: string;
  checkedInAt: string | null;
};

/** Notification → web: one email of an order and how its delivery went. */
export type Delivery = {
  kind: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  messageId: string | null;
  lastError: string | null;
  sentAt: string | null;
  to: string;
};

type Query<I, O> = { query: (input: I) => Promise<O> };
type Mutation<I, O> = { mutate: (input: I) => Promise<O> };

export type OrderingApi = {
  cart: Query<{ eventId: string }, OrderView | null>;
  addToCart: Mutation<{ reservationId: string }, OrderView>;
  removeFromCart: Mutation<{ orderId: string; reservationId: string }, OrderView>;
  checkout: Mutation<{ orderId: string }, OrderView>;
  cancelOrder: Mutation<{ orderId: string }, OrderView>;
  order: Query<{ orderId: string }, OrderView>;
};
export type FulfillmentApi = {
  orderTickets: Query<{ orderId: string }, TicketView[]>;
};
export type NotificationApi = {
  deliveries: Query<{ orderId: string }, Delivery[]>;
};

export const orderingOf = (services: Services) => services.ordering as unknown as OrderingApi;
export const fulfillmentOf = (services: Services) =>
  services.fulfillment as unknown as FulfillmentApi;
export const notificationOf = (services: Services) =>
  services.notification as unknown as NotificationApi;
