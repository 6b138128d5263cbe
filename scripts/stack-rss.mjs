#!/usr/bin/env node
// Prints the resident memory of every process of a running stack and the total, read from /proc
// (Linux only): RSS, and PSS, which divides each shared page (the node binary, libraries) among
// the processes mapping it, so that its total is what the stack really occupies. The processes are
// those `npm start` (scripts/marquee.mjs) started (the services, in one process or each in its own
// with its cluster workers, the web, MailDev; npm and the shell that launched it) and the
// environment's Kafka broker, Zipkin and PgBouncer, found by the ports they listen on. Postgres and
// Redis serve every environment and are not counted.
//
//   npm run stack:rss                  the development stack (npm start)
//   npm run stack:rss -- --env test    the browser tests' stack
import fs from "node:fs";
import { environments } from "./lib/environments.mjs";

const args = process.argv.slice(2);
const envName = args.includes("--env") ? args[args.indexOf("--env") + 1] : "dev";
const environment = environments[envName];
if (!environment) throw new Error(`unknown --env "${envName}" (use dev, test or bench)`);

const read = (file) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};
const pids = fs
  .readdirSync("/proc")
  .filter((name) => /^\d+$/.test(name))
  .map(Number);

/** Parent pid and resident kB of a process, or undefined once it is gone. */
const statusOf = (pid) => {
  const status = read(`/proc/${pid}/status`);
  if (!status) return undefined;
  const field = (name) => new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1];
  return { ppid: Number(field("PPid")), rssKb: Number(field("VmRSS") ?? 0) };
};
const commandOf = (pid) => (read(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean);

/** Inodes of the TCP sockets listening on `ports` (IPv4 and IPv6). */
const listeningInodes = (ports) => {
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (read(table) ?? "").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "0A") continue; // 0A: LISTEN
      const port = parseInt(cols[1].split(":").at(-1), 16);
      if (ports.has(port)) inodes.add(cols[9]);
    }
  }
  return inodes;
};

/** Processes holding one of `inodes` open, by the port's socket. */
const holdersOf = (inodes) =>
  pids.filter((pid) => {
    let fds;
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      return false;
    }
    return fds.some((fd) => {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        return link.startsWith("socket:[") && inodes.has(link.slice(8, -1));
      } catch {
        return false;
      }
    });
  });

const ports = new Set([
  environment.web.port,
  environment.smtp.port,
  environment.smtp.webPort,
  environment.kafka.port,
  environment.zipkin.port,
  environment.pgbouncer.port,
  ...environment.services.map((service) => service.port),
]);
const status = new Map(pids.map((pid) => [pid, statusOf(pid)]));
const children = new Map();
for (const [pid, s] of status) {
  if (!s) continue;
  if (!children.has(s.ppid)) children.set(s.ppid, []);
  children.get(s.ppid).push(pid);
}
const withDescendants = (roots) => {
  const found = new Set();
  const visit = (pid) => {
    if (found.has(pid)) return;
    found.add(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  roots.forEach(visit);
  return found;
};

const listeners = holdersOf(listeningInodes(ports));
// The stack script itself and what it started (found from its listeners up to their parent).
const stackScripts = new Set(
  listeners
    .map((pid) => status.get(pid)?.ppid)
    .filter((ppid) => ppid && commandOf(ppid).some((word) => word.endsWith("marquee.mjs"))),
);
// `npm start` runs the script under npm and a shell, which stay for as long as the stack does.
const isLauncher = (pid) => {
  const [program = "", ...rest] = commandOf(pid);
  return (
    /(^|\/)(sh|npm)$/.test(program) ||
    rest.some((word) => /(^|\/)npm-cli\.js$/.test(word)) ||
    program === "npm start"
  );
};
const launchers = [];
for (const script of stackScripts) {
  for (let pid = status.get(script)?.ppid; pid && isLauncher(pid); pid = status.get(pid)?.ppid)
    launchers.push(pid);
}
const members = withDescendants([...launchers, ...stackScripts, ...listeners]);
if (members.size === 0) {
  console.error(`no process of the ${envName} stack is listening (ports ${[...ports].join(", ")})`);
  process.exit(1);
}

const cwdOf = (pid) => {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return "";
  }
};

/** A short name: the service (its cluster workers apart), the web, MailDev, Kafka, the script. */
const nameOf = (pid) => {
  const words = commandOf(pid);
  if (words.includes("kafka.Kafka")) return "kafka (JVM)";
  if (words.some((word) => /zipkin-server-.*\.jar$/.test(word))) return "zipkin (JVM)";
  if (words.some((word) => word.endsWith("pgbouncer"))) return "pgbouncer";
  if (words.some((word) => word.endsWith("services-host.mjs"))) return "services (one process)";
  if (words.some((word) => word.endsWith("marquee.mjs"))) return "stack script (marquee.mjs)";
  if (isLauncher(pid)) return `launcher (${words.join(" ").slice(0, 40)})`;
  if (words.some((word) => word.includes("maildev"))) return "maildev";
  const cwd = cwdOf(pid);
  const underParent = cwdOf(status.get(pid)?.ppid ?? 0) === cwd;
  const service = /apps\/services\/([^/]+)$/.exec(cwd)?.[1];
  if (service) return underParent ? `${service} (worker)` : service;
  if (cwd.endsWith("apps/web")) return underParent ? "web (child)" : "web";
  return words.slice(0, 3).join(" ");
};

/**
 * Proportional set size: RSS with each shared page (the node binary, libraries) divided among the
 * processes that map it, so PSS adds up to what the stack really occupies.
 */
const pssKbOf = (pid) =>
  Number(/^Pss:\s+(\d+)/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? "")?.[1] ?? 0);

const rows = [...members]
  .map((pid) => ({
    pid,
    name: nameOf(pid),
    rssKb: status.get(pid)?.rssKb ?? 0,
    pssKb: pssKbOf(pid),
  }))
  .sort((a, b) => b.rssKb - a.rssKb);
const mib = (kb) => `${(kb / 1024).toFixed(0).padStart(6)} MiB`;
console.log(`${"RSS".padStart(10)}  ${"PSS".padStart(10)}  ${"pid".padStart(7)}  process`);
for (const { pid, name, rssKb, pssKb } of rows)
  console.log(`${mib(rssKb)}  ${mib(pssKb)}  ${String(pid).padStart(7)}  ${name}`);
const sum = (field) => rows.reduce((total, row) => total + row[field], 0);
console.log(
  `${mib(sum("rssKb"))}  ${mib(sum("pssKb"))}           total, ${rows.length} processes (${envName} stack)`,
);
