// The broker's lifecycle: start one in the background (it outlives the caller), stop it, report it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import {
  archiveExists,
  classDataOptions,
  discardArchive,
  discardRecording,
  promoteRecording,
} from "./class-data-archive.mjs";
import { acquireLock } from "./file-lock.mjs";
import { instancePaths, readLivePid, removePidFile, writePidFile } from "./instance.mjs";
import { ensureKafkaJars } from "./jars.mjs";
import { brokerJvmArgs, javaBin } from "./jvm-options.mjs";
import { jvmTroubleSince, logTail } from "./log-tail.mjs";
import { isAlive, terminate } from "./processes.mjs";
import { canConnect, isBrokerUp } from "./readiness.mjs";
import { resolvePorts, writeServerProperties } from "./server-properties.mjs";
import {
  DEFAULT_CONTROLLER_PORT,
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  defaultLog,
  HOST,
} from "./settings.mjs";
import { formatStorageOnce } from "./storage-format.mjs";
import { relativePath, secondsSince, sleep } from "./text.mjs";

const STOP_GRACE_MS = 20_000;
const DEFAULT_START_TIMEOUT_MS = 90_000;

const checkPort = (value, name) => {
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`invalid ${name}: ${value}`);
};

const spawnBroker = async (instance, { lowMemory = false } = {}) => {
  const out = fs.openSync(instance.stdoutLog, "a");
  const usedCds = archiveExists();
  let outOffset = 0;
  let child;
  try {
    fs.writeSync(out, `\n=== ${new Date().toISOString()} starting kafka.Kafka ${instance.props}\n`);
    outOffset = fs.fstatSync(out).size;
    child = spawn(
      javaBin(),
      brokerJvmArgs(instance, { classData: classDataOptions(instance), lowMemory }),
      {
        cwd: instance.dir,
        detached: true,
        stdio: ["ignore", out, out],
        env: process.env,
      },
    );
  } finally {
    fs.closeSync(out);
  }
  const pid = await new Promise((resolve, reject) => {
    child.once("error", (error) =>
      reject(
        error.code === "ENOENT"
          ? new Error(`java not found (${javaBin()}); Kafka needs Java 11+ on PATH or JAVA_HOME`)
          : error,
      ),
    );
    child.once("spawn", () => resolve(child.pid));
  });
  child.unref();
  writePidFile(instance, pid);
  return { pid, usedCds, outOffset };
};

const waitUntilReady = async (instance, pid, port, deadline) => {
  for (;;) {
    if (!isAlive(pid))
      throw new Error(`Kafka broker (pid ${pid}) exited during start-up.\n${logTail(instance)}`);
    if (await isBrokerUp(port, { timeoutMs: 1_000 })) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka broker (pid ${pid}) did not become ready on ${HOST}:${port} in time.\n${logTail(instance)}`,
      );
    }
    await sleep(200);
  }
};

const waitForPortsClosed = async (ports, timeoutMs) => {
  const until = Date.now() + timeoutMs;
  for (const port of ports) {
    while (await canConnect(port)) {
      if (Date.now() > until)
        throw new Error(`${HOST}:${port} is still open after the broker exited`);
      await sleep(100);
    }
  }
};

/** Spawns a new broker for the instance, after checking its ports are free and preparing it. */
const launchNewBroker = async (instance, { port, controllerPort, log, lowMemory }) => {
  for (const [name, value] of [
    ["port", port],
    ["controllerPort", controllerPort],
  ]) {
    if (await canConnect(value)) {
      throw new Error(
        `${name} ${value} on ${HOST} is already in use by another process (not a ready Kafka broker)`,
      );
    }
  }
  await ensureKafkaJars({ log });
  writeServerProperties(instance, { port, controllerPort });
  await formatStorageOnce(instance, log);
  const spawned = await spawnBroker(instance, { lowMemory });
  log(
    `starting broker (pid ${spawned.pid}) on ${HOST}:${port}, controller ${HOST}:${controllerPort}, data ${relativePath(instance.dir)}`,
  );
  return spawned;
};

/**
 * Waits for `pid` to become ready; when a broker we spawned with a class-data archive fails, the
 * archive is the suspect: it is deleted and the broker started once more without it.
 */
const readyBroker = async (instance, { pid, spawned, port, deadline, log, lowMemory }) => {
  for (let attempt = 1; ; attempt++) {
    try {
      await waitUntilReady(instance, pid, port, deadline);
      break;
    } catch (error) {
      // Do not leave a half-started broker (and its ports) behind.
      await terminate(pid, 5_000);
      removePidFile(instance, pid);
      discardRecording(instance);
      const cdsSuspect =
        attempt === 1 && spawned?.usedCds && jvmTroubleSince(instance, spawned.outOffset);
      if (!cdsSuspect) throw error;
      log("the JVM failed with the class-data archive; deleting it and starting again without it");
      discardArchive();
      spawned = await spawnBroker(instance, { lowMemory });
      pid = spawned.pid;
    }
  }
  if (spawned?.usedCds && jvmTroubleSince(instance, spawned.outOffset)) {
    // The JVM ignored a stale archive (jars or JDK changed): record a fresh one next time.
    discardArchive();
  }
  return pid;
};

/**
 * Starts a single-node KRaft broker in the background (it outlives the calling process) and
 * resolves once clients can use it. Idempotent: when a broker already answers on `port`, resolves
 * immediately. `lowMemory` trades peak throughput for a smaller JVM (jvm-options.mjs), for a
 * broker that idles beside a laptop's stack rather than carries a benchmark.
 */
export const startBroker = async ({
  port = DEFAULT_PORT,
  controllerPort = DEFAULT_CONTROLLER_PORT,
  dataDir = DEFAULT_DATA_DIR,
  log = defaultLog,
  timeoutMs = DEFAULT_START_TIMEOUT_MS,
  lowMemory = false,
} = {}) => {
  checkPort(port, "port");
  checkPort(controllerPort, "controllerPort");
  if (port === controllerPort)
    throw new Error(`port and controllerPort must differ (both ${port})`);
  const instance = instancePaths(dataDir);
  const result = (pid, alreadyRunning) => ({
    pid,
    port,
    controllerPort,
    dataDir: instance.dir,
    alreadyRunning,
  });

  if (await isBrokerUp(port)) {
    const pid = readLivePid(instance);
    log(
      `already running on ${HOST}:${port}${pid ? ` (pid ${pid})` : ` (not started from ${relativePath(instance.dir)})`}`,
    );
    return result(pid, true);
  }

  const started = Date.now();
  const deadline = started + timeoutMs;
  fs.mkdirSync(instance.logs, { recursive: true });
  const releaseLock = await acquireLock(instance.lock, deadline);
  try {
    // Someone else may have started it while we waited for the lock.
    if (await isBrokerUp(port)) {
      const pid = readLivePid(instance);
      log(`already running on ${HOST}:${port}${pid ? ` (pid ${pid})` : ""}`);
      return result(pid, true);
    }

    let pid = readLivePid(instance);
    let spawned = null;
    if (pid) {
      // Our broker process exists but does not answer yet (still starting).
      log(`broker pid ${pid} is starting, waiting for ${HOST}:${port}...`);
    } else {
      spawned = await launchNewBroker(instance, { port, controllerPort, log, lowMemory });
      pid = spawned.pid;
    }
    pid = await readyBroker(instance, { pid, spawned, port, deadline, log, lowMemory });
    log(`ready on ${HOST}:${port} (pid ${pid}) after ${secondsSince(started)}s`);
    return result(pid, false);
  } finally {
    releaseLock();
  }
};

/**
 * Stops the broker of `dataDir` (SIGTERM, SIGKILL after ~20 s) and waits until the process has
 * exited and its ports are closed. No-op when not running. Ports default to the ones recorded in
 * `<dataDir>/server.properties`.
 */
export const stopBroker = async ({
  dataDir = DEFAULT_DATA_DIR,
  port,
  controllerPort,
  log = defaultLog,
  timeoutMs = STOP_GRACE_MS,
} = {}) => {
  const instance = instancePaths(dataDir);
  const ports = resolvePorts(instance, { port, controllerPort });
  const pid = readLivePid(instance);
  if (!pid) {
    removePidFile(instance);
    if (ports.known && (await isBrokerUp(ports.port))) {
      log(
        `no broker started from ${relativePath(instance.dir)}, but something answers on ${HOST}:${ports.port}; leaving it alone`,
      );
    } else {
      log("not running");
    }
    return { stopped: false, pid: null, killed: false };
  }

  const started = Date.now();
  log(`stopping broker (pid ${pid})...`);
  const { killed } = await terminate(pid, timeoutMs);
  if (killed) {
    log(`broker did not exit within ${Math.round(timeoutMs / 1000)}s, sent SIGKILL`);
    discardRecording(instance); // possibly half-written
  } else {
    promoteRecording(instance, log);
  }
  await waitForPortsClosed([ports.port, ports.controllerPort], 10_000);
  removePidFile(instance, pid);
  log(`stopped after ${secondsSince(started)}s`);
  return { stopped: true, pid, killed };
};

/** Whether the broker of `dataDir` answers, its pid and ports (`kafka.mjs status`). */
export const brokerStatus = async ({ dataDir = DEFAULT_DATA_DIR, port, controllerPort } = {}) => {
  const instance = instancePaths(dataDir);
  const ports = resolvePorts(instance, { port, controllerPort });
  return {
    up: await isBrokerUp(ports.port),
    pid: readLivePid(instance),
    port: ports.port,
    controllerPort: ports.controllerPort,
    dataDir: instance.dir,
  };
};
