// Where the local broker's files live and the ports it listens on by default.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** infra/kafka */
export const KAFKA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = path.resolve(KAFKA_DIR, "..", "..");
/** The broker classpath fetched by Maven. */
export const JARS_DIR = path.join(KAFKA_DIR, ".jars");
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data", "kafka");
export const DEFAULT_PORT = 9092;
export const DEFAULT_CONTROLLER_PORT = 9093;
/** The broker listens and advertises on IPv4 loopback only. */
export const HOST = "127.0.0.1";

export const POM = path.join(KAFKA_DIR, "pom.xml");
export const PROPERTIES_TEMPLATE = path.join(KAFKA_DIR, "server.properties");
export const LOG4J_CONFIG = path.join(KAFKA_DIR, "log4j.properties");

export const defaultLog = (msg) => console.log(`[kafka] ${msg}`);
