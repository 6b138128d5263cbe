// The end of a broker's logs, quoted in error messages when it fails to start.
import fs from "node:fs";
import { lastLines } from "./text.mjs";

// Kafka dumps every config value at start-up ("\tkey = value" lines); they would push the
// interesting part out of an error message.
const CONFIG_DUMP_LINE = /^\t[\w.-]+ = |^ \(kafka\.server\.KafkaConfig\)$|^\s*$/;

const readTail = (file, lines) => {
  try {
    const fd = fs.openSync(file, "r");
    try {
      const { size } = fs.fstatSync(fd);
      const length = Math.min(size, 64 * 1024);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      const kept = buffer
        .toString("utf8")
        .split("\n")
        .filter((line) => !CONFIG_DUMP_LINE.test(line));
      return lastLines(kept.join("\n"), lines);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return "";
  }
};

/** The tails of server.log and broker.out, each under a heading naming the file. */
export const logTail = (instance) => {
  const parts = [];
  const server = readTail(instance.serverLog, 25);
  const stdout = readTail(instance.stdoutLog, 15);
  if (server) parts.push(`--- tail of ${instance.serverLog} ---\n${server}`);
  if (stdout) parts.push(`--- tail of ${instance.stdoutLog} ---\n${stdout}`);
  return parts.join("\n") || `(no broker logs in ${instance.logs})`;
};

/** Did the JVM crash or complain about class-data sharing since `offset` in broker.out? */
export const jvmTroubleSince = (instance, offset) => {
  try {
    const text = fs.readFileSync(instance.stdoutLog).subarray(offset).toString("utf8");
    return /A fatal error has been detected|\[cds|shared archive/i.test(text);
  } catch {
    return false;
  }
};
