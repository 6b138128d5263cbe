// The command lines of the two JVMs: the broker, and the storage tool that formats KRaft storage.
// Pure: everything that depends on the machine (JAVA_HOME, the class-data archive) is passed in.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { JARS_DIR, LOG4J_CONFIG } from "./settings.mjs";

// A local broker of a few dozen topics idles in well under 100 MiB of heap, and the heap it was
// given up front is committed for good: start small and grow only when a benchmark needs it.
// Metaspace (about 45 MiB of classes without the class-data archive, 10 MiB with it) is bounded
// with room to spare, so a leak stops the broker with a message instead of eating the machine.
const HEAP_OPTIONS = ["-Xms16m", "-Xmx256m", "-XX:MaxMetaspaceSize=128m"];
// One node on a machine it shares with the services, its heap a few dozen MiB: the serial
// collector, whose pauses stay at a few milliseconds on a heap this size, with no GC or marking
// threads of its own, no remembered sets, and a heap it gives back after a full collection. Kafka's
// own start scripts choose G1 for a production broker's heap of gigabytes; G1 here kept 100–135
// MiB of heap committed for 50–80 MiB used.
const BROKER_OPTIONS = [
  "-XX:+UseSerialGC",
  "-XX:+ExitOnOutOfMemoryError",
  "-Djava.awt.headless=true",
];
// A broker beside a developer's idle stack (`npm start`): only the quick C1 compiler, one
// compiler thread, smaller thread stacks. About 60 MiB less resident (245 → 182 MiB idle, with
// the stack's clients connected); C2's faster code is what the benchmarks' broker keeps.
const LOW_MEMORY_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xss512k"];
// StorageTool runs for a second or two: optimise for JVM start-up instead.
const TOOL_OPTIONS = [
  "-Xmx256m",
  "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1",
  "-Djava.awt.headless=true",
];

/** `$JAVA_HOME/bin/java`, or `java` from PATH. */
export const javaBin = (env = process.env) =>
  env.JAVA_HOME ? path.join(env.JAVA_HOME, "bin", "java") : "java";

// The JVM expands `dir/*` to every jar in dir (no shell involved).
const classpath = (jarsDir) => ["-cp", path.join(jarsDir, "*")];

const loggingOptions = (instance) => [
  `-Dlog4j.configuration=${pathToFileURL(LOG4J_CONFIG).href}`,
  `-Dkafka.logs.dir=${instance.logs}`,
];

/**
 * Arguments of `java` running kafka.Kafka for `instance`; `classData` from class-data-archive,
 * `lowMemory` for a broker that idles beside a developer's stack.
 */
export const brokerJvmArgs = (
  instance,
  { classData = [], jarsDir = JARS_DIR, lowMemory = false } = {},
) => [
  ...HEAP_OPTIONS,
  ...BROKER_OPTIONS,
  ...(lowMemory ? LOW_MEMORY_OPTIONS : []),
  `-XX:ErrorFile=${path.join(instance.logs, "hs_err_pid%p.log")}`,
  ...classData,
  ...loggingOptions(instance),
  ...classpath(jarsDir),
  "kafka.Kafka",
  instance.props,
];

/** Arguments of `java` formatting `instance`'s storage for `clusterId` (once; formatted is fine). */
export const storageFormatJvmArgs = (instance, clusterId, { jarsDir = JARS_DIR } = {}) => [
  ...TOOL_OPTIONS,
  ...loggingOptions(instance),
  ...classpath(jarsDir),
  "kafka.tools.StorageTool",
  "format",
  "-t",
  clusterId,
  "-c",
  instance.props,
  "--ignore-formatted",
];
