import type { AppRouter as FulfillmentRouter } from "@marquee/fulfillment/router";
import type { AppRouter as NotificationRouter } from "@marquee/notification/router";
import type { AppRouter as OrderingRouter } from "@marquee/ordering/router";
import type { inferRouterOutputs } from "@trpc/server";

// What the storefront reads from ordering, fulfillment and notification, typed from their routers
// so that a change in a service's answer fails the web's build.

/** Ordering → web: an order (a cart while `draft`). */
export type OrderView = inferRouterOutputs<OrderingRouter>["order"];
export type OrderStatus = OrderView["status"];
export type OrderSeat = OrderView["items"][number]["seats"][number];

/** Fulfillment → web: one issued ticket. */
export type TicketView = inferRouterOutputs<FulfillmentRouter>["orderTickets"][number];

/** Notification → web: one email of an order and how its delivery went. */
export type Delivery = inferRouterOutputs<NotificationRouter>["deliveries"][number];
