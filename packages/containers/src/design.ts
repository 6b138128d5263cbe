import { SERVICE_PORTS, WEB_PORT } from "@marquee/service/ports";

/**
 * Ports from the design (`@marquee/service/ports`, the one list the services' config and the
 * local stack read too): what every container of ours listens on, and what the other containers
 * reach it at. docker-compose.yml, the Dockerfiles and the README's "What runs" keep copies,
 * which the tests hold to this.
 */
export const DESIGN_PORTS: Readonly<Record<string, number>> = { web: WEB_PORT, ...SERVICE_PORTS };

/** The infrastructure containers and the ports the stack reaches them at. */
export const INFRASTRUCTURE_PORTS: Readonly<Record<string, readonly number[]>> = {
  postgres: [5432],
  pgbouncer: [6432],
  redis: [6379],
  kafka: [9092],
  maildev: [1025, 1080],
  zipkin: [9411],
};

/** One-shot jobs: they run to completion before what depends on them starts. */
export const JOBS = ["kafka-topics", "setup"] as const;

/** Published on the host: the storefront, the mail viewer and the traces, nothing else. */
export const PUBLISHED_PORTS: Readonly<Record<string, string>> = {
  web: "3000:3000",
  maildev: "1080:1080",
  zipkin: "9411:9411",
};
