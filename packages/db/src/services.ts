/**
 * The seven services and the Postgres schema each one owns. Everything that needs the list
 * (migrations, set-up, health checks) imports it from here.
 */
export const services = [
  { name: "identity", schema: "bc_identity" },
  { name: "catalog", schema: "bc_catalog" },
  { name: "inventory", schema: "bc_inventory" },
  { name: "ordering", schema: "bc_ordering" },
  { name: "payment", schema: "bc_payment" },
  { name: "fulfillment", schema: "bc_fulfillment" },
  { name: "notification", schema: "bc_notification" },
] as const;

export type Service = (typeof services)[number];
export type ServiceName = Service["name"];
export type ServiceSchema = Service["schema"];
