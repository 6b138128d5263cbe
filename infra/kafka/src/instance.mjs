// One broker instance is one data directory: its generated config, KRaft storage, logs and pid.
import fs from "node:fs";
import path from "node:path";
import { isAlive } from "./processes.mjs";

/** The files of the instance in `dataDir`. */
export const instancePaths = (dataDir) => {
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
};

/** Guards against pid reuse: is `pid` the kafka.Kafka of this instance? */
const isOurBroker = (pid, instance) => {
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return !fs.existsSync("/proc/self"); // no /proc: cannot tell, assume yes
  }
  return cmdline.includes("kafka.Kafka") && cmdline.includes(instance.props);
};

/** The pid of this instance's running broker, or null. */
export const readLivePid = (instance) => {
  let pid;
  try {
    pid = Number.parseInt(fs.readFileSync(instance.pid, "utf8").trim(), 10);
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && isOurBroker(pid, instance)
    ? pid
    : null;
};

export const writePidFile = (instance, pid) => fs.writeFileSync(instance.pid, `${pid}\n`);

/** Removes the pid file, only when it still names `onlyIfPid` if that is given. */
export const removePidFile = (instance, onlyIfPid) => {
  try {
    if (
      onlyIfPid !== undefined &&
      Number.parseInt(fs.readFileSync(instance.pid, "utf8"), 10) !== onlyIfPid
    )
      return;
    fs.unlinkSync(instance.pid);
  } catch {
    // already gone
  }
};
