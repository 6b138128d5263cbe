/**
 * Ports from the design (DESIGN.md, "Layout"; the README's "What runs"): what every container of
 * ours listens on, and what the other containers reach it at.
 */
export const DESIGN_PORTS: Readonly<Record<string, number>> = {
  web: 3000,
  identity: 5000,
  catalog: 5001,
  inventory: 5002,
  ordering: 5003,
  payment: 5004,
  fulfillment: 5005,
  notification: 5006,
};

/** The infrastructure containers and the ports the stack reaches them at. */
export const INFRASTRUCTURE_PORTS: Readonly<Record<string, readonly number[]>> = {
  postgres: [5432],
  redis: [6379],
  kafka: [9092],
  maildev: [1025, 1080],
};

/** One-shot jobs: they run to completion before what depends on them starts. */
export const JOBS = ["kafka-topics", "setup"] as const;

/** Published on the host: the storefront and the mail viewer, nothing else. */
export const PUBLISHED_PORTS: Readonly<Record<string, string>> = {
  web: "3000:3000",
  maildev: "1080:1080",
};
