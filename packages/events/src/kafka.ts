import { Kafka, logLevel, type LogEntry } from "kafkajs";
import type { EventLog } from "./log";

const forward =
  (log: EventLog) =>
  () =>
  ({ level, namespace, log: entry }: LogEntry) => {
    const { message, ...extra } = entry;
    const obj = { kafka: namespace, ...extra };
    if (level === logLevel.ERROR) log.error(obj, message);
    else if (level === logLevel.WARN) log.warn(obj, message);
    else log.debug(obj, message);
  };

/** A kafkajs client whose own logs go through our logger at warn level and up. */
export const createKafka = (opts: { clientId: string; brokers: string[]; log: EventLog }): Kafka =>
  new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    logCreator: forward(opts.log),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 5 },
  });
