import "server-only";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter as CatalogRouter } from "@marquee/catalog/router";
import type { AppRouter as FulfillmentRouter } from "@marquee/fulfillment/router";
import type { AppRouter as InventoryRouter } from "@marquee/inventory/router";
import type { AppRouter as NotificationRouter } from "@marquee/notification/router";
import type { AppRouter as OrderingRouter } from "@marquee/ordering/router";
import type { AppRouter as PaymentRouter } from "@marquee/payment/router";
import type { AnyRouter } from "@trpc/server";
import { traceHeaders } from "@marquee/events/trace-context";
import { serverEnv } from "../lib/server-env";

/** Who the web server calls the services for: the user's identity token and the browser's address. */
export type Caller = { token: string | null; ip: string | null };

/** The service a client belongs to, so error messages can say which one did not answer. */
export const SERVICE_NAMES = [
  "catalog",
  "inventory",
  "ordering",
  "payment",
  "fulfillment",
  "notification",
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const SERVICE_URLS: Record<ServiceName, string> = {
  catalog: serverEnv.CATALOG_URL,
  inventory: serverEnv.INVENTORY_URL,
  ordering: serverEnv.ORDERING_URL,
  payment: serverEnv.PAYMENT_URL,
  fulfillment: serverEnv.FULFILLMENT_URL,
  notification: serverEnv.NOTIFICATION_URL,
};

/** Headers every service call carries: the bearer token (when signed in) and the browser's IP. */
export const callerHeaders = (caller: Caller): Record<string, string> => ({
  ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
  ...(caller.ip ? { "x-forwarded-for": caller.ip } : {}),
});

const clientFor = <TRouter extends AnyRouter>(service: ServiceName, caller: Caller) =>
  createTRPCClient<TRouter>({
    // The services use no transformer, so one untyped link serves every router.
    links: [
      httpLink<AnyRouter>({
        url: `${SERVICE_URLS[service]}/trpc`,
        // The request's trace (Next's span for it) goes on in the service.
        headers: () => ({ ...callerHeaders(caller), ...traceHeaders() }),
      }),
    ],
  });

/** The base URL of a service, for the few plain HTTP routes (the tickets PDF). */
export const serviceUrl = (service: ServiceName): string => SERVICE_URLS[service];

/**
 * Typed tRPC clients for the services, made per request with the caller's token, so every call is
 * made on the user's behalf and the services enforce who may see what.
 */
export const servicesFor = (caller: Caller) => ({
  catalog: clientFor<CatalogRouter>("catalog", caller),
  inventory: clientFor<InventoryRouter>("inventory", caller),
  ordering: clientFor<OrderingRouter>("ordering", caller),
  payment: clientFor<PaymentRouter>("payment", caller),
  fulfillment: clientFor<FulfillmentRouter>("fulfillment", caller),
  notification: clientFor<NotificationRouter>("notification", caller),
});
export type Services = ReturnType<typeof servicesFor>;
