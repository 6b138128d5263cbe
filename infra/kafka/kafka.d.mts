// Type declarations for kafka.mjs (plain ES modules: node: built-ins, and kafkajs for readiness).

export type Log = (msg: string) => void;

export declare const REPO_ROOT: string;
/** infra/kafka/.jars: the broker classpath fetched by Maven. */
export declare const JARS_DIR: string;
/** <repo>/.data/kafka */
export declare const DEFAULT_DATA_DIR: string;
export declare const DEFAULT_PORT: 9092;
export declare const DEFAULT_CONTROLLER_PORT: 9093;
export declare const HOST: "127.0.0.1";

export interface KafkaJars {
  dir: string;
  version: string;
  jars: number;
  /** false when the jars were already present. */
  fetched: boolean;
}

export interface StartBrokerOptions {
  /** Client (PLAINTEXT) listener port. Default 9092. */
  port?: number;
  /** KRaft controller listener port. Default 9093. */
  controllerPort?: number;
  /** Instance directory (config, data, logs, pid file). Default <repo>/.data/kafka. */
  dataDir?: string;
  /** Progress lines. Default: console.log with a "[kafka]" prefix. */
  log?: Log;
  /** Give up (and stop the half-started broker) after this long. Default 90 000. */
  timeoutMs?: number;
}

export interface StartedBroker {
  /** null when a broker that was not started from `dataDir` already answers on the port. */
  pid: number | null;
  port: number;
  controllerPort: number;
  dataDir: string;
  alreadyRunning: boolean;
}

export interface StopBrokerOptions {
  dataDir?: string;
  /** Defaults to the ports recorded in <dataDir>/server.properties. */
  port?: number;
  controllerPort?: number;
  log?: Log;
  /** SIGKILL after this long. Default 20 000. */
  timeoutMs?: number;
}

export interface StoppedBroker {
  /** false when nothing was running. */
  stopped: boolean;
  pid: number | null;
  /** true when the broker had to be SIGKILLed. */
  killed: boolean;
}

export interface BrokerStatus {
  up: boolean;
  pid: number | null;
  port: number;
  controllerPort: number;
  dataDir: string;
}

/** Kafka version pinned in pom.xml. */
export declare function kafkaVersion(): string;

/** Fetches the broker jars with Maven when missing or incomplete; fast no-op otherwise. */
export declare function ensureKafkaJars(options?: { log?: Log }): Promise<KafkaJars>;

/**
 * Starts a single-node KRaft broker in the background and resolves once clients can produce.
 * Idempotent: resolves at once when a broker already answers on `port`.
 */
export declare function startBroker(options?: StartBrokerOptions): Promise<StartedBroker>;

/** SIGTERM (SIGKILL after ~20 s), then waits for exit and closed ports. No-op when not running. */
export declare function stopBroker(options?: StopBrokerOptions): Promise<StoppedBroker>;

/** True when a Kafka broker on 127.0.0.1:`port` answers and lists itself as live. */
export declare function isBrokerUp(
  port?: number,
  options?: { host?: string; timeoutMs?: number },
): Promise<boolean>;

export declare function brokerStatus(options?: {
  dataDir?: string;
  port?: number;
  controllerPort?: number;
}): Promise<BrokerStatus>;
