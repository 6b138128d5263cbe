/**
 * The seven services, the Postgres schema each one owns and the database role it connects as
 * (which may use that schema and no other; service-roles.ts). Everything that needs the list
 * (migrations, set-up, health checks) imports it from here.
 */
export const services = [
  { name: "identity", schema: "bc_identity", role: "marquee_identity" },
  { name: "catalog", schema: "bc_catalog", role: "marquee_catalog" },
  { name: "inventory", schema: "bc_inventory", role: "marquee_inventory" },
  { name: "ordering", schema: "bc_ordering", role: "marquee_ordering" },
  { name: "payment", schema: "bc_payment", role: "marquee_payment" },
  { name: "fulfillment", schema: "bc_fulfillment", role: "marquee_fulfillment" },
  { name: "notification", schema: "bc_notification", role: "marquee_notification" },
] as const;

export type Service = (typeof services)[number];
export type ServiceName = Service["name"];
export type ServiceSchema = Service["schema"];
export type ServiceRole = Service["role"];
