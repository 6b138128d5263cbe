// Types of environments.mjs, for the TypeScript that reads it (playwright.config.ts, e2e/support).
import type { ServiceName } from "@marquee/service/ports";

export type StackService = { name: ServiceName; dir: string; port: number };

export type Environment = {
  name: "dev" | "test" | "bench";
  databaseUrl: string;
  redisUrl: string;
  kafka: { port: number; controllerPort: number; dataDir: string };
  pgbouncer: { port: number; dataDir: string };
  /** The environment's Zipkin (infra/zipkin): its port and its instance directory. */
  zipkin: { port: number; dataDir: string };
  smtp: { port: number; webPort: number };
  web: { port: number };
  /** The seven services in port order, on this environment's ports. */
  services: readonly StackService[];
};

export declare const environments: Readonly<Record<"dev" | "test" | "bench", Environment>>;
export declare const kafkaBrokers: (environment: Environment) => string[];
export declare const pooledDatabaseUrl: (
  environment: Environment,
  serviceName: ServiceName,
) => string;
export declare const zipkinUrl: (environment: Environment) => string;
export declare const webUrl: (environment: Environment) => string;
export declare const serviceEnv: (environment: Environment) => Record<string, string>;
export declare const serviceEnvFor: (
  environment: Environment,
  serviceName: ServiceName,
) => Record<string, string>;
