#!/usr/bin/env node
// Local Zipkin server for development and tests: one instance per environment, each on its own
// port with its log and pid file in its own data directory, spans kept in memory (a restart
// forgets them). The server is one jar from Maven Central (pom.xml) run on the local JVM, as the
// Kafka broker is. Only `node:` built-ins.
//
//   import { ensureZipkinJar, startZipkin, stopZipkin } from "@marquee/infra/zipkin";
//   node infra/zipkin/zipkin.mjs fetch|start|stop [--port N] [--data-dir DIR]
import { spawn } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { acquireLock } from "../kafka/src/file-lock.mjs";
import { isAlive, runTool, terminate } from "../kafka/src/processes.mjs";

export const ZIPKIN_DIR = path.dirname(fileURLToPath(import.meta.url));
export const HOST = "127.0.0.1";
const POM = path.join(ZIPKIN_DIR, "pom.xml");
const JAR_DIR = path.join(ZIPKIN_DIR, ".jar");
const FETCH_LOCK = path.join(ZIPKIN_DIR, ".jar.lock");
const FETCH_TIMEOUT_MS = 15 * 60_000;
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
/**
 * A small heap is plenty for the spans of a local stack; MEM_MAX_SPANS bounds what it keeps, the
 * serial collector and C1 only keep the JVM's own threads and code cache small.
 */
const JVM_OPTIONS = [
  "-Xms32m",
  "-Xmx128m",
  "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1",
  "-Xss512k",
  "-XX:CICompilerCount=1",
];
const MAX_SPANS = "50000";
/** The JVM the broker runs on too: JAVA_HOME's, else the one on PATH. */
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Zipkin's version pinned in pom.xml (`<zipkin.version>`). */
export const zipkinVersion = () => {
  const match = fs.readFileSync(POM, "utf8").match(/<zipkin\.version>\s*([^<\s]+)\s*</);
  if (!match) throw new Error(`cannot find <zipkin.version> in ${POM}`);
  return match[1];
};

const jarPath = (version) => path.join(JAR_DIR, `zipkin-server-${version}-exec.jar`);

/**
 * Makes sure infra/zipkin/.jar holds the server's jar, running Maven when it is missing (into a
 * temp dir renamed into place, under a lock, so a broken or concurrent fetch leaves nothing half
 * done). Fast no-op otherwise.
 */
export const ensureZipkinJar = async ({ log = () => {} } = {}) => {
  const version = zipkinVersion();
  const jar = jarPath(version);
  if (fs.existsSync(jar)) return { jar, version, fetched: false };
  const release = await acquireLock(FETCH_LOCK, Date.now() + FETCH_TIMEOUT_MS);
  try {
    if (fs.existsSync(jar)) return { jar, version, fetched: false };
    const tmp = path.join(ZIPKIN_DIR, `.jar.tmp-${process.pid}`);
    await fsp.rm(tmp, { recursive: true, force: true });
    log(`fetching Zipkin ${version} from Maven Central (first run only)...`);
    let result;
    try {
      result = await runTool(
        "mvn",
        [
          "-q",
          "-B",
          "-Dstyle.color=never",
          "-f",
          POM,
          "dependency:copy-dependencies",
          `-Djar.dir=${tmp}`,
        ],
        { cwd: ZIPKIN_DIR },
      );
    } catch (error) {
      if (error.code === "ENOENT")
        throw new Error(
          "Maven (`mvn`) is not on PATH; it is needed once to fetch Zipkin (apt-get install maven)",
        );
      throw error;
    }
    if (result.code !== 0 || !fs.existsSync(path.join(tmp, path.basename(jar)))) {
      await fsp.rm(tmp, { recursive: true, force: true });
      throw new Error(
        `fetching Zipkin failed (mvn exit ${result.code}):\n${result.output.slice(-3_000)}`,
      );
    }
    await fsp.rm(JAR_DIR, { recursive: true, force: true });
    fs.renameSync(tmp, JAR_DIR);
    return { jar, version, fetched: true };
  } finally {
    release();
  }
};

const instancePaths = (dataDir) => {
  const dir = path.resolve(dataDir);
  return { dir, pid: path.join(dir, "zipkin.pid"), log: path.join(dir, "zipkin.log") };
};

/** Whether Zipkin answers its health check on `port`. */
export const isZipkinUp = async (port) => {
  try {
    const response = await fetch(`http://${HOST}:${port}/health`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
};

/** The pid of this instance's Zipkin (a java process running the jar), or null. */
const livePid = (paths) => {
  let pid;
  try {
    pid = Number.parseInt(fs.readFileSync(paths.pid, "utf8"), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("zipkin-server") ? pid : null;
  } catch {
    return pid;
  }
};

const logTail = (paths) => {
  try {
    return fs.readFileSync(paths.log, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
};

/**
 * Starts Zipkin for one environment in the background (it outlives the caller, like the broker),
 * or finds it running; fetches the jar first when missing. Resolves once /health answers.
 */
export const startZipkin = async ({ port, dataDir, log = () => {} }) => {
  const paths = instancePaths(dataDir);
  const running = livePid(paths);
  if (running !== null && (await isZipkinUp(port))) return { pid: running, alreadyRunning: true };
  if (running === null && (await isZipkinUp(port))) return { pid: null, alreadyRunning: true };
  const { jar } = await ensureZipkinJar({ log });
  fs.mkdirSync(paths.dir, { recursive: true });
  const release = await acquireLock(
    path.join(paths.dir, "start.lock"),
    Date.now() + START_TIMEOUT_MS,
  );
  try {
    // Another caller may have started it while we waited for the lock.
    const started = livePid(paths);
    if (started === null) {
      const out = fs.openSync(paths.log, "a");
      let child;
      try {
        child = spawn(JAVA, [...JVM_OPTIONS, "-jar", jar], {
          cwd: paths.dir,
          detached: true,
          stdio: ["ignore", out, out],
          env: {
            ...process.env,
            QUERY_PORT: String(port),
            STORAGE_TYPE: "mem",
            MEM_MAX_SPANS: MAX_SPANS,
            // Zipkin's own tracing of itself and its default-on collectors beyond HTTP: off.
            SELF_TRACING_ENABLED: "false",
            COLLECTOR_SCRIBE_ENABLED: "false",
          },
        });
      } finally {
        fs.closeSync(out);
      }
      const pid = await new Promise((resolve, reject) => {
        child.once("error", (error) =>
          reject(
            error.code === "ENOENT"
              ? new Error("java is not on PATH; Zipkin needs Java 17+")
              : error,
          ),
        );
        child.once("spawn", () => resolve(child.pid));
      });
      child.unref();
      fs.writeFileSync(paths.pid, `${pid}\n`);
      log(`starting Zipkin (pid ${pid}) on http://${HOST}:${port}`);
    }
    const pid = livePid(paths);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await isZipkinUp(port))) {
      if (pid === null || !isAlive(pid))
        throw new Error(`Zipkin exited during start-up:\n${logTail(paths)}`);
      if (Date.now() > deadline)
        throw new Error(
          `Zipkin (pid ${pid}) did not answer on port ${port} in time:\n${logTail(paths)}`,
        );
      await sleep(250);
    }
    return { pid, alreadyRunning: started !== null };
  } finally {
    release();
  }
};

/** Stops this instance's Zipkin if it runs (SIGTERM, then SIGKILL after a grace period). */
export const stopZipkin = async ({ dataDir }) => {
  const paths = instancePaths(dataDir);
  const pid = livePid(paths);
  if (pid === null) return { stopped: false };
  const { killed } = await terminate(pid, STOP_GRACE_MS);
  fs.rmSync(paths.pid, { force: true });
  return { stopped: true, pid, killed };
};

const main = async (argv) => {
  const [command] = argv;
  const option = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const port = Number(option("port", "9411"));
  const dataDir = option("data-dir", path.join(ZIPKIN_DIR, "../../.data/zipkin"));
  const log = (msg) => console.log(`[zipkin] ${msg}`);
  switch (command) {
    case "fetch":
      log(`jar: ${(await ensureZipkinJar({ log })).jar}`);
      return 0;
    case "start": {
      const { pid, alreadyRunning } = await startZipkin({ port, dataDir, log });
      log(
        `${alreadyRunning ? "already running" : "started"} (pid ${pid}): http://localhost:${port}`,
      );
      return 0;
    }
    case "stop":
      log((await stopZipkin({ dataDir })).stopped ? "stopped" : "was not running");
      return 0;
    default:
      console.error(
        "usage: node infra/zipkin/zipkin.mjs fetch|start|stop [--port N] [--data-dir DIR]",
      );
      return 2;
  }
};

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`[zipkin] ${error.message}`);
      process.exitCode = 1;
    },
  );
}
