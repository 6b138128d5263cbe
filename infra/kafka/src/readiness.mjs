// Whether a broker is ready for clients, asked through kafkajs's admin client, and whether a port
// is open at all.
import net from "node:net";
import { DEFAULT_PORT, HOST } from "./settings.mjs";

// Imported on first use: fetching the jars (`kafka.mjs fetch`) works before `npm install` ran;
// `npm start` installs the packages before it starts a broker.
let kafkajs;
const loadKafkajs = async () => {
  try {
    kafkajs ??= await import("kafkajs");
  } catch (error) {
    if (error.code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new Error(
      "kafkajs is not installed: run `npm install` first (a broker's readiness is asked through it)",
    );
  }
  return kafkajs;
};

/**
 * True when the broker on `host`:`port` answers and lists itself among the cluster's live brokers
 * (Kafka opens the client listener once the controller has unfenced the broker, so clients can
 * then create topics, produce and consume). False on any error or after `timeoutMs`.
 */
export const isBrokerUp = async (port = DEFAULT_PORT, { host = HOST, timeoutMs = 2_000 } = {}) => {
  const { Kafka, logLevel } = await loadKafkajs();
  const admin = new Kafka({
    clientId: "marquee-kafka-probe",
    brokers: [`${host}:${port}`],
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = (async () => {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    return brokers.some((broker) => broker.port === port);
  })().catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
};

/** True when something accepts a TCP connection on `host`:`port`. */
export const canConnect = (port, host = HOST, timeoutMs = 1_000) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (value) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
