#!/usr/bin/env node
// Local Kafka broker for development and tests (single node, KRaft).
//
// Dependency-free on purpose: only `node:` built-ins, so it works before
// `npm install` has ever run. The broker itself comes from Maven Central
// (see pom.xml) and runs on the local JVM.
//
// Library:
//   import { ensureKafkaJars, startBroker, stopBroker, isBrokerUp } from './infra/kafka/kafka.mjs';
//
// CLI:
//   node infra/kafka/kafka.mjs fetch|start|stop|status [--port N] [--controller-port N] [--data-dir DIR]

import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(HERE, "..", "..");
export const JARS_DIR = path.join(HERE, ".jars");
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data", "kafka");
export const DEFAULT_PORT = 9092;
export const DEFAULT_CONTROLLER_PORT = 9093;
export const HOST = "127.0.0.1";

const POM = path.join(HERE, "pom.xml");
const PROPS_TEMPLATE = path.join(HERE, "server.properties");
const LOG4J_CONFIG = path.join(HERE, "log4j.properties");
const JARS_MANIFEST = ".complete";
const FETCH_LOCK = path.join(HERE, ".jars.lock");
const FETCH_TIMEOUT_MS = 15 * 60_000;

const HEAP_OPTS = ["-Xms256m", "-Xmx512m"];
// Same GC settings as Kafka's own start scripts.
const BROKER_JVM_OPTS = [
  "-XX:+UseG1GC",
  "-XX:MaxGCPauseMillis=20",
  "-XX:InitiatingHeapOccupancyPercent=35",
  "-XX:+ExplicitGCInvokesConcurrent",
  "-XX:+ExitOnOutOfMemoryError",
  "-Djava.awt.headless=true",
];
// StorageTool runs for a second or two: optimise for JVM start-up instead.
const TOOL_JVM_OPTS = [
  "-Xmx256m",
  "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1",
  "-Djava.awt.headless=true",
];

// Application class-data sharing (CDS): the JVM maps pre-parsed Kafka/Scala
// classes from this archive instead of loading ~50 MB of jars, which makes
// start-up noticeably faster. The first broker started without an archive
// records one when it exits cleanly (see stopBroker). It lives inside .jars so
// a re-fetch throws it away together with the jars it was built from; the JVM
// also ignores an archive that no longer matches the jars or the JDK.
const CDS_ARCHIVE = path.join(JARS_DIR, "kafka.jsa");

const STOP_GRACE_MS = 20_000;
const DEFAULT_START_TIMEOUT_MS = 90_000;

const defaultLog = (msg) => console.log(`[kafka] ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// Jars
// ---------------------------------------------------------------------------

/** Kafka version pinned in pom.xml (`<kafka.version>`). */
export function kafkaVersion() {
  const pom = fs.readFileSync(POM, "utf8");
  const m = pom.match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!m) throw new Error(`cannot find <kafka.version> in ${POM}`);
  return m[1];
}

function readJarsManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, JARS_MANIFEST), "utf8"));
  } catch {
    return null;
  }
}

/** True when `dir` holds a complete fetch for the Kafka version in pom.xml. */
function jarsComplete(dir = JARS_DIR, version = kafkaVersion()) {
  const manifest = readJarsManifest(dir);
  if (!manifest || manifest.kafkaVersion !== version || !Array.isArray(manifest.jars)) return false;
  if (!manifest.jars.includes(`kafka_2.13-${version}.jar`)) return false;
  return manifest.jars.every((jar) => fs.existsSync(path.join(dir, jar)));
}

/**
 * Makes sure infra/kafka/.jars holds the broker classpath, running Maven when
 * it is missing, incomplete or for another Kafka version. Fast no-op otherwise.
 *
 * Maven copies into a temp dir that is renamed into place at the end, so an
 * interrupted fetch never leaves a half-filled .jars behind; a lock file makes
 * concurrent callers wait for one fetch instead of racing.
 *
 * @param {{ log?: (msg: string) => void }} [options]
 * @returns {Promise<{ dir: string, version: string, jars: number, fetched: boolean }>}
 */
export async function ensureKafkaJars({ log = defaultLog } = {}) {
  const version = kafkaVersion();
  const present = () => ({
    dir: JARS_DIR,
    version,
    jars: readJarsManifest(JARS_DIR).jars.length,
    fetched: false,
  });
  if (jarsComplete(JARS_DIR, version)) return present();

  const releaseLock = await acquireLock(FETCH_LOCK, Date.now() + FETCH_TIMEOUT_MS);
  try {
    // Another process may have fetched while we waited.
    if (jarsComplete(JARS_DIR, version)) return present();
    return await fetchJars(version, log);
  } finally {
    releaseLock();
  }
}

async function fetchJars(version, log) {
  const started = Date.now();
  const tmp = path.join(HERE, `.jars.tmp-${process.pid}`);
  await fsp.rm(tmp, { recursive: true, force: true });
  log(
    `fetching Kafka ${version} jars from Maven Central into ${rel(JARS_DIR)} (first run only)...`,
  );

  const args = [
    "-q",
    "-B",
    "-Dstyle.color=never",
    "-f",
    POM,
    "dependency:copy-dependencies",
    `-Djars.dir=${tmp}`,
  ];
  const heartbeat = setInterval(() => log(`still fetching... ${secondsSince(started)}s`), 15_000);
  let result;
  try {
    result = await run("mvn", args, { cwd: HERE });
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true });
    if (err.code === "ENOENT") {
      throw new Error(
        "Maven (`mvn`) is not on PATH; it is needed once to fetch the Kafka jars (apt-get install maven)",
      );
    }
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
  if (result.code !== 0) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw new Error(
      `mvn dependency:copy-dependencies failed (exit ${result.code}):\n${tail(result.output, 40)}`,
    );
  }

  const jars = fs
    .readdirSync(tmp)
    .filter((f) => f.endsWith(".jar"))
    .sort();
  if (!jars.includes(`kafka_2.13-${version}.jar`)) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw new Error(`Maven finished but kafka_2.13-${version}.jar is missing from the copied jars`);
  }
  fs.writeFileSync(
    path.join(tmp, JARS_MANIFEST),
    JSON.stringify({ kafkaVersion: version, fetchedAt: new Date().toISOString(), jars }, null, 2) +
      "\n",
  );

  // Swap into place (this also drops a class-data archive built from old jars).
  await fsp.rm(JARS_DIR, { recursive: true, force: true });
  fs.renameSync(tmp, JARS_DIR);

  const mb =
    jars.reduce((sum, jar) => sum + fs.statSync(path.join(JARS_DIR, jar)).size, 0) / 2 ** 20;
  log(`fetched ${jars.length} jars (${mb.toFixed(0)} MB) in ${secondsSince(started)}s`);
  return { dir: JARS_DIR, version, jars: jars.length, fetched: true };
}

// ---------------------------------------------------------------------------
// Broker lifecycle
// ---------------------------------------------------------------------------

function instancePaths(dataDir) {
  const dir = path.resolve(dataDir);
  return {
    dir,
    props: path.join(dir, "server.properties"),
    clusterId: path.join(dir, "cluster.id"),
    pid: path.join(dir, "broker.pid"),
    lock: path.join(dir, "start.lock"),
    data: path.join(dir, "data"),
    meta: path.join(dir, "data", "meta.properties"),
    logs: path.join(dir, "logs"),
    serverLog: path.join(dir, "logs", "server.log"),
    stdoutLog: path.join(dir, "logs", "broker.out"),
  };
}

/**
 * Starts a single-node KRaft broker in the background (it outlives the calling
 * process) and resolves once clients can use it. Idempotent: when a broker
 * already answers on `port`, resolves immediately.
 *
 * @param {{ port?: number, controllerPort?: number, dataDir?: string,
 *           log?: (msg: string) => void, timeoutMs?: number }} [options]
 * @returns {Promise<{ pid: number | null, port: number, controllerPort: number,
 *                     dataDir: string, alreadyRunning: boolean }>}
 */
export async function startBroker({
  port = DEFAULT_PORT,
  controllerPort = DEFAULT_CONTROLLER_PORT,
  dataDir = DEFAULT_DATA_DIR,
  log = defaultLog,
  timeoutMs = DEFAULT_START_TIMEOUT_MS,
} = {}) {
  checkPort(port, "port");
  checkPort(controllerPort, "controllerPort");
  if (port === controllerPort)
    throw new Error(`port and controllerPort must differ (both ${port})`);
  const p = instancePaths(dataDir);
  const result = (pid, alreadyRunning) => ({
    pid,
    port,
    controllerPort,
    dataDir: p.dir,
    alreadyRunning,
  });

  if (await isBrokerUp(port)) {
    const pid = readLivePid(p);
    log(
      `already running on ${HOST}:${port}${pid ? ` (pid ${pid})` : ` (not started from ${rel(p.dir)})`}`,
    );
    return result(pid, true);
  }

  const started = Date.now();
  const deadline = started + timeoutMs;
  fs.mkdirSync(p.logs, { recursive: true });
  const releaseLock = await acquireLock(p.lock, deadline);
  try {
    // Someone else may have started it while we waited for the lock.
    if (await isBrokerUp(port)) {
      const pid = readLivePid(p);
      log(`already running on ${HOST}:${port}${pid ? ` (pid ${pid})` : ""}`);
      return result(pid, true);
    }

    let pid = readLivePid(p);
    let spawned = null;
    if (pid) {
      // Our broker process exists but does not answer yet (still starting).
      log(`broker pid ${pid} is starting, waiting for ${HOST}:${port}...`);
    } else {
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
      writeServerProperties(p, { port, controllerPort });
      await formatStorageOnce(p, log);
      spawned = await spawnBroker(p);
      pid = spawned.pid;
      log(
        `starting broker (pid ${pid}) on ${HOST}:${port}, controller ${HOST}:${controllerPort}, data ${rel(p.dir)}`,
      );
    }

    for (let attempt = 1; ; attempt++) {
      try {
        await waitUntilReady(p, pid, port, deadline);
        break;
      } catch (err) {
        // Do not leave a half-started broker (and its ports) behind.
        await terminate(pid, 5_000);
        removePidFile(p, pid);
        fs.rmSync(cdsTempFile(p), { force: true });
        const cdsSuspect =
          attempt === 1 && spawned?.usedCds && jvmTroubleSince(p, spawned.outOffset);
        if (!cdsSuspect) throw err;
        log(
          "the JVM failed with the class-data archive; deleting it and starting again without it",
        );
        fs.rmSync(CDS_ARCHIVE, { force: true });
        spawned = await spawnBroker(p);
        pid = spawned.pid;
      }
    }
    if (spawned?.usedCds && jvmTroubleSince(p, spawned.outOffset)) {
      // The JVM ignored a stale archive (jars or JDK changed): record a fresh one next time.
      fs.rmSync(CDS_ARCHIVE, { force: true });
    }
    log(`ready on ${HOST}:${port} (pid ${pid}) after ${secondsSince(started)}s`);
    return result(pid, false);
  } finally {
    releaseLock();
  }
}

/**
 * Stops the broker of `dataDir` (SIGTERM, SIGKILL after ~20 s) and waits until
 * the process has exited and its ports are closed. No-op when not running.
 * Ports default to the ones recorded in `<dataDir>/server.properties`.
 *
 * @param {{ dataDir?: string, port?: number, controllerPort?: number,
 *           log?: (msg: string) => void, timeoutMs?: number }} [options]
 * @returns {Promise<{ stopped: boolean, pid: number | null, killed: boolean }>}
 */
export async function stopBroker({
  dataDir = DEFAULT_DATA_DIR,
  port,
  controllerPort,
  log = defaultLog,
  timeoutMs = STOP_GRACE_MS,
} = {}) {
  const p = instancePaths(dataDir);
  const ports = resolvePorts(p, { port, controllerPort });
  const pid = readLivePid(p);
  if (!pid) {
    removePidFile(p);
    if (ports.known && (await isBrokerUp(ports.port))) {
      log(
        `no broker started from ${rel(p.dir)}, but something answers on ${HOST}:${ports.port}; leaving it alone`,
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
    fs.rmSync(cdsTempFile(p), { force: true }); // possibly half-written
  } else {
    promoteCdsArchive(p, log);
  }
  await waitForPortsClosed([ports.port, ports.controllerPort], 10_000);
  removePidFile(p, pid);
  log(`stopped after ${secondsSince(started)}s`);
  return { stopped: true, pid, killed };
}

/**
 * True when a Kafka broker on 127.0.0.1:`port` answers an ApiVersions request
 * and lists itself as a live broker in a Metadata response (i.e. it has been
 * unfenced and clients can create topics, produce and consume).
 *
 * @param {number} [port]
 * @param {{ host?: string, timeoutMs?: number }} [options]
 * @returns {Promise<boolean>}
 */
export async function isBrokerUp(port = DEFAULT_PORT, { host = HOST, timeoutMs = 2_000 } = {}) {
  try {
    return await probeKafka(host, port, timeoutMs);
  } catch {
    return false;
  }
}

/**
 * Combined view used by `kafka.mjs status`.
 * @returns {Promise<{ up: boolean, pid: number | null, port: number, controllerPort: number, dataDir: string }>}
 */
export async function brokerStatus({ dataDir = DEFAULT_DATA_DIR, port, controllerPort } = {}) {
  const p = instancePaths(dataDir);
  const ports = resolvePorts(p, { port, controllerPort });
  return {
    up: await isBrokerUp(ports.port),
    pid: readLivePid(p),
    port: ports.port,
    controllerPort: ports.controllerPort,
    dataDir: p.dir,
  };
}

// ---------------------------------------------------------------------------
// Internals: config, format, spawn
// ---------------------------------------------------------------------------

function renderProperties({ port, controllerPort, logDirs }) {
  const values = { port, controllerPort, logDirs };
  // The template's leading comment block documents the placeholders; drop it.
  const template = fs.readFileSync(PROPS_TEMPLATE, "utf8").replace(/^(#.*\r?\n)+\r?\n/, "");
  const body = template.replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`unknown placeholder ${whole} in ${PROPS_TEMPLATE}`);
    // Java properties treat backslashes as escapes (matters for Windows paths).
    return String(values[key]).replace(/\\/g, "/");
  });
  return `# GENERATED from infra/kafka/server.properties by kafka.mjs on every start; edit the template instead.\n${body}`;
}

function writeServerProperties(p, { port, controllerPort }) {
  fs.mkdirSync(p.data, { recursive: true });
  fs.writeFileSync(p.props, renderProperties({ port, controllerPort, logDirs: p.data }));
}

/** Ports from explicit options, else from the instance's generated properties, else defaults. */
function resolvePorts(p, { port, controllerPort }) {
  let saved = {};
  try {
    const listeners = fs.readFileSync(p.props, "utf8").match(/^listeners=(.*)$/m)?.[1] ?? "";
    saved = {
      port: Number(listeners.match(/PLAINTEXT:\/\/[^,]*:(\d+)/)?.[1]) || undefined,
      controllerPort: Number(listeners.match(/CONTROLLER:\/\/[^,]*:(\d+)/)?.[1]) || undefined,
    };
  } catch {
    // never started from this data dir
  }
  return {
    port: port ?? saved.port ?? DEFAULT_PORT,
    controllerPort: controllerPort ?? saved.controllerPort ?? DEFAULT_CONTROLLER_PORT,
    known: port !== undefined || saved.port !== undefined,
  };
}

function newClusterId() {
  // Same shape as Kafka's Uuid.randomUuid(): 16 random bytes, base64url, and
  // never starting with '-' (that would read like a CLI flag).
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

async function formatStorageOnce(p, log) {
  if (fs.existsSync(p.meta)) return;
  let clusterId = "";
  try {
    clusterId = fs.readFileSync(p.clusterId, "utf8").trim();
  } catch {
    // first start
  }
  if (!clusterId) {
    clusterId = newClusterId();
    fs.writeFileSync(p.clusterId, `${clusterId}\n`);
  }
  log(`formatting KRaft storage in ${rel(p.data)} (cluster id ${clusterId})`);
  const { code, output } = await run(javaBin(), [
    ...TOOL_JVM_OPTS,
    ...loggingOpts(p),
    "-cp",
    classpath(),
    "kafka.tools.StorageTool",
    "format",
    "-t",
    clusterId,
    "-c",
    p.props,
    "--ignore-formatted",
  ]);
  if (code !== 0 || !fs.existsSync(p.meta)) {
    throw new Error(`kafka-storage format failed (exit ${code}):\n${tail(output, 30)}`);
  }
}

async function spawnBroker(p) {
  const out = fs.openSync(p.stdoutLog, "a");
  const usedCds = fs.existsSync(CDS_ARCHIVE);
  let outOffset = 0;
  let child;
  try {
    fs.writeSync(out, `\n=== ${new Date().toISOString()} starting kafka.Kafka ${p.props}\n`);
    outOffset = fs.fstatSync(out).size;
    child = spawn(
      javaBin(),
      [
        ...HEAP_OPTS,
        ...BROKER_JVM_OPTS,
        `-XX:ErrorFile=${path.join(p.logs, "hs_err_pid%p.log")}`,
        ...cdsOpts(p),
        ...loggingOpts(p),
        "-cp",
        classpath(),
        "kafka.Kafka",
        p.props,
      ],
      { cwd: p.dir, detached: true, stdio: ["ignore", out, out], env: process.env },
    );
  } finally {
    fs.closeSync(out);
  }
  const pid = await new Promise((resolve, reject) => {
    child.once("error", (err) =>
      reject(
        err.code === "ENOENT"
          ? new Error(`java not found (${javaBin()}); Kafka needs Java 11+ on PATH or JAVA_HOME`)
          : err,
      ),
    );
    child.once("spawn", () => resolve(child.pid));
  });
  child.unref();
  fs.writeFileSync(p.pid, `${pid}\n`);
  return { pid, usedCds, outOffset };
}

/** Did the JVM crash or complain about CDS since `offset` in broker.out? */
function jvmTroubleSince(p, offset) {
  try {
    const text = fs.readFileSync(p.stdoutLog).subarray(offset).toString("utf8");
    return /A fatal error has been detected|\[cds|shared archive/i.test(text);
  } catch {
    return false;
  }
}

async function waitUntilReady(p, pid, port, deadline) {
  for (;;) {
    if (!isAlive(pid)) {
      throw new Error(`Kafka broker (pid ${pid}) exited during start-up.\n${logTail(p)}`);
    }
    if (await isBrokerUp(port, { timeoutMs: 1_000 })) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka broker (pid ${pid}) did not become ready on ${HOST}:${port} in time.\n${logTail(p)}`,
      );
    }
    await sleep(200);
  }
}

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
}

function classpath() {
  // The JVM expands `dir/*` to every jar in dir (no shell involved).
  return path.join(JARS_DIR, "*");
}

function cdsTempFile(p) {
  const id = crypto.createHash("sha1").update(p.dir).digest("hex").slice(0, 12);
  return path.join(JARS_DIR, `kafka.jsa.tmp-${id}`);
}

function cdsOpts(p) {
  if (fs.existsSync(CDS_ARCHIVE)) return [`-XX:SharedArchiveFile=${CDS_ARCHIVE}`];
  return [`-XX:ArchiveClassesAtExit=${cdsTempFile(p)}`];
}

/** After a clean exit, publish the archive the broker recorded (if any). */
function promoteCdsArchive(p, log) {
  const tmp = cdsTempFile(p);
  try {
    if (!fs.existsSync(tmp)) return;
    if (!fs.existsSync(CDS_ARCHIVE) && fs.statSync(tmp).size > 1024 * 1024) {
      fs.renameSync(tmp, CDS_ARCHIVE);
      log("saved a JVM class-data archive; later starts will be faster");
    } else {
      fs.rmSync(tmp, { force: true });
    }
  } catch {
    // purely an optimisation
  }
}

function loggingOpts(p) {
  return [
    `-Dlog4j.configuration=${pathToFileURL(LOG4J_CONFIG).href}`,
    `-Dkafka.logs.dir=${p.logs}`,
  ];
}

// ---------------------------------------------------------------------------
// Internals: processes, pid files, locks
// ---------------------------------------------------------------------------

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === "EPERM";
  }
  // An exited child that has not been reaped yet still "exists".
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** Guards against pid reuse: is `pid` the kafka.Kafka of this data dir? */
function isOurBroker(pid, p) {
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return fs.existsSync("/proc/self") ? false : true; // no /proc: cannot tell, assume yes
  }
  return cmdline.includes("kafka.Kafka") && cmdline.includes(p.props);
}

function readLivePid(p) {
  let pid;
  try {
    pid = Number.parseInt(fs.readFileSync(p.pid, "utf8").trim(), 10);
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && isOurBroker(pid, p) ? pid : null;
}

function removePidFile(p, onlyIfPid) {
  try {
    if (
      onlyIfPid !== undefined &&
      Number.parseInt(fs.readFileSync(p.pid, "utf8"), 10) !== onlyIfPid
    )
      return;
    fs.unlinkSync(p.pid);
  } catch {
    // already gone
  }
}

/** SIGTERM, wait up to graceMs, then SIGKILL. Resolves when the process is gone. */
async function terminate(pid, graceMs) {
  const signal = (sig) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const until = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < until) await sleep(100);
  if (!isAlive(pid)) return { killed: false };
  signal("SIGKILL");
  const killUntil = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < killUntil) await sleep(100);
  if (isAlive(pid)) throw new Error(`broker pid ${pid} survived SIGKILL`);
  return { killed: true };
}

async function waitForPortsClosed(ports, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (const port of ports) {
    while (await canConnect(port)) {
      if (Date.now() > until)
        throw new Error(`${HOST}:${port} is still open after the broker exited`);
      await sleep(100);
    }
  }
}

/** Start lock per data dir, so concurrent startBroker() calls spawn one broker. */
async function acquireLock(file, deadline) {
  for (;;) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return () => {
        try {
          if (Number.parseInt(fs.readFileSync(file, "utf8"), 10) === process.pid)
            fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    } catch {
      continue; // released in between
    }
    if (!Number.isInteger(holder) || !isAlive(holder)) {
      fs.rmSync(file, { force: true }); // stale lock from a crashed caller
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${file} (held by pid ${holder})`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------
// Internals: Kafka wire protocol probe
// ---------------------------------------------------------------------------

const API_METADATA = 3;
const API_VERSIONS = 18;
const PROBE_CLIENT_ID = Buffer.from("marquee-kafka-probe");

function encodeRequest(apiKey, apiVersion, correlationId, body) {
  // Request header v1: api_key int16, api_version int16, correlation_id int32, client_id string.
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(PROBE_CLIENT_ID.length, 8);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + PROBE_CLIENT_ID.length + body.length, 0);
  return Buffer.concat([size, header, PROBE_CLIENT_ID, body]);
}

/**
 * Sends ApiVersions v0 then Metadata v4 over one connection. Resolves true when
 * both succeed and the Metadata response lists a live broker on `port`.
 */
function probeKafka(host, port, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffered = Buffer.alloc(0);
    let step = 0;
    const finish = (err, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error("probe timed out")), timeoutMs);
    socket.once("error", (err) => finish(err));
    socket.once("close", () => finish(new Error("connection closed")));
    socket.once("connect", () => socket.write(encodeRequest(API_VERSIONS, 0, 1, Buffer.alloc(0))));
    socket.on("data", (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const size = buffered.readInt32BE(0);
      if (buffered.length < 4 + size) return;
      const frame = buffered.subarray(4, 4 + size);
      buffered = buffered.subarray(4 + size);
      try {
        if (step === 0) {
          // ApiVersions v0 response: correlation_id int32, error_code int16, api_keys [...]
          if (frame.readInt32BE(0) !== 1) return finish(new Error("bad correlation id"));
          if (frame.readInt16BE(4) !== 0) return finish(null, false);
          step = 1;
          // Metadata v4 request body: topics [] (empty = none), allow_auto_topic_creation false.
          socket.write(encodeRequest(API_METADATA, 4, 2, Buffer.from([0, 0, 0, 0, 0])));
        } else {
          // Metadata v4 response: correlation_id, throttle_time_ms, brokers [node_id, host, port, rack], ...
          if (frame.readInt32BE(0) !== 2) return finish(new Error("bad correlation id"));
          let off = 8;
          const brokers = frame.readInt32BE(off);
          off += 4;
          for (let i = 0; i < brokers; i++) {
            off += 4; // node_id
            off += 2 + frame.readInt16BE(off); // host
            const brokerPort = frame.readInt32BE(off);
            off += 4;
            const rackLen = frame.readInt16BE(off);
            off += 2 + Math.max(rackLen, 0);
            if (brokerPort === port) return finish(null, true);
          }
          finish(null, false);
        }
      } catch (err) {
        finish(err);
      }
    });
  });
}

function canConnect(port, host = HOST, timeoutMs = 1_000) {
  return new Promise((resolve) => {
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
}

// ---------------------------------------------------------------------------
// Internals: misc helpers
// ---------------------------------------------------------------------------

function checkPort(value, name) {
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`invalid ${name}: ${value}`);
}

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    child.once("error", reject);
    child.once("close", (code) =>
      resolve({ code, output: Buffer.concat(chunks).toString("utf8") }),
    );
  });
}

function tail(text, lines) {
  return text
    .replace(/\x1b\[[0-9;]*m/g, "")
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .join("\n");
}

// Kafka dumps every config value at start-up ("\tkey = value" lines); they
// would push the interesting part out of an error message.
const CONFIG_DUMP_LINE = /^\t[\w.-]+ = |^ \(kafka\.server\.KafkaConfig\)$|^\s*$/;

function readTail(file, lines) {
  try {
    const fd = fs.openSync(file, "r");
    try {
      const { size } = fs.fstatSync(fd);
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      const kept = buf
        .toString("utf8")
        .split("\n")
        .filter((line) => !CONFIG_DUMP_LINE.test(line));
      return tail(kept.join("\n"), lines);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return "";
  }
}

function logTail(p) {
  const parts = [];
  const server = readTail(p.serverLog, 25);
  const stdout = readTail(p.stdoutLog, 15);
  if (server) parts.push(`--- tail of ${p.serverLog} ---\n${server}`);
  if (stdout) parts.push(`--- tail of ${p.stdoutLog} ---\n${stdout}`);
  return parts.join("\n") || `(no broker logs in ${p.logs})`;
}

function secondsSince(start) {
  return ((Date.now() - start) / 1000).toFixed(1);
}

function rel(file) {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : file;
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

const USAGE = `usage: node infra/kafka/kafka.mjs <fetch|start|stop|status> [--port N] [--controller-port N] [--data-dir DIR]

  fetch    download the Kafka jars into infra/kafka/.jars (done by start when needed)
  start    start the broker in the background and wait until it is ready
  stop     stop the broker of --data-dir
  status   print whether the broker answers (exit code 1 when it does not)

defaults: --port ${DEFAULT_PORT} --controller-port ${DEFAULT_CONTROLLER_PORT} --data-dir ${rel(DEFAULT_DATA_DIR)}
(stop/status default to the ports recorded in the data dir)`;

function parseArgs(argv) {
  const opts = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith("--") && arg.includes("="))
      [arg, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    const int = (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new Error(`${arg} expects a number, got ${v}`);
      return n;
    };
    switch (arg) {
      case "--port":
        opts.port = int(next());
        break;
      case "--controller-port":
        opts.controllerPort = int(next());
        break;
      case "--data-dir":
        opts.dataDir = path.resolve(next());
        break;
      case "-h":
      case "--help":
        opts.help = true;
        break;
      default:
        if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  return { command: positional[0], extra: positional.slice(1), opts };
}

async function main(argv) {
  const { command, extra, opts } = parseArgs(argv);
  if (opts.help || !command) {
    console.log(USAGE);
    return opts.help ? 0 : 2;
  }
  if (extra.length) throw new Error(`unexpected argument ${extra[0]}`);
  const { help, ...options } = opts;
  switch (command) {
    case "fetch": {
      const r = await ensureKafkaJars();
      if (!r.fetched)
        defaultLog(`jars present: Kafka ${r.version}, ${r.jars} jars in ${rel(r.dir)}`);
      return 0;
    }
    case "start":
      await startBroker(options);
      return 0;
    case "stop":
      await stopBroker(options);
      return 0;
    case "status": {
      const s = await brokerStatus(options);
      if (s.up)
        defaultLog(
          `up on ${HOST}:${s.port}${s.pid ? ` (pid ${s.pid}, data ${rel(s.dataDir)})` : " (not started from this data dir)"}`,
        );
      else if (s.pid)
        defaultLog(`pid ${s.pid} is running but ${HOST}:${s.port} does not answer yet (starting?)`);
      else defaultLog(`down (${HOST}:${s.port}, data ${rel(s.dataDir)})`);
      return s.up ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`[kafka] ${err.message}`);
      process.exitCode = 1;
    },
  );
}
