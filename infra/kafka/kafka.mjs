#!/usr/bin/env node
// Local Kafka broker for development and tests (single node, KRaft): the library's entry point
// and its command line. The parts live in src/ (README, "Layout"). Only `node:` built-ins until a
// broker's readiness is asked (kafkajs), so `fetch` works before `npm install` has ever run. The
// broker itself comes from Maven Central (see pom.xml) and runs on the local JVM.
//
// Library:
//   import { ensureKafkaJars, startBroker, stopBroker, isBrokerUp } from './infra/kafka/kafka.mjs';
//
// CLI:
//   node infra/kafka/kafka.mjs fetch|start|stop|status [--port N] [--controller-port N] [--data-dir DIR]
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { brokerStatus, startBroker, stopBroker } from "./src/broker.mjs";
import { parseCliArguments, usage } from "./src/cli-arguments.mjs";
import { ensureKafkaJars } from "./src/jars.mjs";
import { defaultLog, HOST } from "./src/settings.mjs";
import { relativePath } from "./src/text.mjs";

export { brokerStatus, startBroker, stopBroker } from "./src/broker.mjs";
export { ensureKafkaJars, kafkaVersion } from "./src/jars.mjs";
export { isBrokerUp } from "./src/readiness.mjs";
export {
  DEFAULT_CONTROLLER_PORT,
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  HOST,
  JARS_DIR,
  REPO_ROOT,
} from "./src/settings.mjs";

const reportStatus = async (options) => {
  const status = await brokerStatus(options);
  const data = relativePath(status.dataDir);
  if (status.up)
    defaultLog(
      `up on ${HOST}:${status.port}${status.pid ? ` (pid ${status.pid}, data ${data})` : " (not started from this data dir)"}`,
    );
  else if (status.pid)
    defaultLog(
      `pid ${status.pid} is running but ${HOST}:${status.port} does not answer yet (starting?)`,
    );
  else defaultLog(`down (${HOST}:${status.port}, data ${data})`);
  return status.up ? 0 : 1;
};

/** Runs one command; resolves with the process's exit code. */
const main = async (argv) => {
  let parsed;
  try {
    parsed = parseCliArguments(argv);
  } catch (error) {
    console.error(`[kafka] ${error.message}\n\n${usage()}`);
    return 2;
  }
  const { command, help, options } = parsed;
  if (help || !command) {
    console.log(usage());
    return help ? 0 : 2;
  }
  switch (command) {
    case "fetch": {
      const jars = await ensureKafkaJars();
      if (!jars.fetched)
        defaultLog(
          `jars present: Kafka ${jars.version}, ${jars.jars} jars in ${relativePath(jars.dir)}`,
        );
      return 0;
    }
    case "start":
      await startBroker(options);
      return 0;
    case "stop":
      await stopBroker(options);
      return 0;
    case "status":
      return reportStatus(options);
    default:
      throw new Error(`unhandled command ${command}`);
  }
};

const isMain = () => {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`[kafka] ${error.message}`);
      process.exitCode = 1;
    },
  );
}
