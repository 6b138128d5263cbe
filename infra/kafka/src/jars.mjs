// The broker's classpath: Kafka's jars copied from Maven Central into infra/kafka/.jars.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { acquireLock } from "./file-lock.mjs";
import { runTool } from "./processes.mjs";
import { defaultLog, JARS_DIR, KAFKA_DIR, POM } from "./settings.mjs";
import { lastLines, relativePath, secondsSince } from "./text.mjs";

const MANIFEST = ".complete";
const FETCH_LOCK = path.join(KAFKA_DIR, ".jars.lock");
const FETCH_TIMEOUT_MS = 15 * 60_000;

/** Kafka version pinned in pom.xml (`<kafka.version>`). */
export const kafkaVersion = () => {
  const pom = fs.readFileSync(POM, "utf8");
  const match = pom.match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!match) throw new Error(`cannot find <kafka.version> in ${POM}`);
  return match[1];
};

const readManifest = (dir) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8"));
  } catch {
    return null;
  }
};

/** True when `dir` holds a complete fetch for `version`. */
const jarsComplete = (dir, version) => {
  const manifest = readManifest(dir);
  if (!manifest || manifest.kafkaVersion !== version || !Array.isArray(manifest.jars)) return false;
  if (!manifest.jars.includes(`kafka_2.13-${version}.jar`)) return false;
  return manifest.jars.every((jar) => fs.existsSync(path.join(dir, jar)));
};

/**
 * Makes sure infra/kafka/.jars holds the broker classpath, running Maven when it is missing,
 * incomplete or for another Kafka version. Fast no-op otherwise.
 *
 * Maven copies into a temp dir that is renamed into place at the end, so an interrupted fetch
 * never leaves a half-filled .jars behind; a lock file makes concurrent callers wait for one
 * fetch instead of racing.
 */
export const ensureKafkaJars = async ({ log = defaultLog } = {}) => {
  const version = kafkaVersion();
  const present = () => ({
    dir: JARS_DIR,
    version,
    jars: readManifest(JARS_DIR).jars.length,
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
};

const runMaven = async (tmp, started, log) => {
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
  try {
    return await runTool("mvn", args, { cwd: KAFKA_DIR });
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new Error(
        "Maven (`mvn`) is not on PATH; it is needed once to fetch the Kafka jars (apt-get install maven)",
      );
    }
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
};

const copiedJars = async (tmp, version, started, log) => {
  const result = await runMaven(tmp, started, log);
  if (result.code !== 0) {
    throw new Error(
      `mvn dependency:copy-dependencies failed (exit ${result.code}):\n${lastLines(result.output, 40)}`,
    );
  }
  const jars = fs
    .readdirSync(tmp)
    .filter((file) => file.endsWith(".jar"))
    .sort();
  if (!jars.includes(`kafka_2.13-${version}.jar`))
    throw new Error(`Maven finished but kafka_2.13-${version}.jar is missing from the copied jars`);
  return jars;
};

const fetchJars = async (version, log) => {
  const started = Date.now();
  const tmp = path.join(KAFKA_DIR, `.jars.tmp-${process.pid}`);
  await fsp.rm(tmp, { recursive: true, force: true });
  log(
    `fetching Kafka ${version} jars from Maven Central into ${relativePath(JARS_DIR)} (first run only)...`,
  );
  let jars;
  try {
    jars = await copiedJars(tmp, version, started, log);
  } catch (error) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw error;
  }
  fs.writeFileSync(
    path.join(tmp, MANIFEST),
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
};
