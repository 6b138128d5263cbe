import { SERVICES } from "./services.mjs";

/**
 * `REPLICAS=inventory=2,ordering=2` (or `all=2`, or `all=2,catalog=1`): how many processes each
 * service runs as. Each service's `PROCESSES` is set from it; the service forks that many workers
 * sharing its port (Node's cluster, @marquee/service/cluster), so ports and URLs stay the same.
 */
export const MAX_PROCESSES = 64;

/** Parses REPLICAS against the known service names; throws one message naming every mistake. */
export const parseReplicas = (text, serviceNames) => {
  const counts = Object.fromEntries(serviceNames.map((name) => [name, 1]));
  const spec = (text ?? "").trim();
  if (spec === "") return counts;
  const problems = [];
  const entries = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([a-z-]+)\s*=\s*(\S+)$/.exec(entry);
      if (!match) {
        problems.push(`"${entry}" is not <service>=<count>`);
        return null;
      }
      const [, name, value] = match;
      if (name !== "all" && !serviceNames.includes(name)) {
        problems.push(`unknown service "${name}" (services: ${serviceNames.join(", ")}, or all)`);
        return null;
      }
      const count = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(count) || count < 1 || count > MAX_PROCESSES) {
        problems.push(
          `${name}=${value}: the count must be a whole number from 1 to ${MAX_PROCESSES}`,
        );
        return null;
      }
      return { name, count };
    })
    .filter(Boolean);
  if (problems.length > 0) {
    throw new Error(
      `REPLICAS="${spec}" is invalid:\n  - ${problems.join("\n  - ")}\n` +
        "  e.g. REPLICAS=inventory=2,ordering=2 or REPLICAS=all=2",
    );
  }
  // `all` first, so a named service overrides it wherever it is written.
  for (const { count } of entries.filter((entry) => entry.name === "all")) {
    for (const name of serviceNames) counts[name] = count;
  }
  for (const { name, count } of entries.filter((entry) => entry.name !== "all")) {
    counts[name] = count;
  }
  return counts;
};

/**
 * How the services' processes are laid out: "inventory ×2, ordering ×2, the others in one
 * process", "all seven in one process", "one process each". `shared`: the services of one
 * process each run together in a single process (SERVICES_SHARE_PROCESS).
 */
export const describeReplicas = (counts, { shared = false } = {}) => {
  const entries = Object.entries(counts);
  const several = entries.filter(([, count]) => count > 1);
  const single = entries.length - several.length;
  const rest =
    single === 0 ? [] : [shared ? "the others in one process" : "the others one process each"];
  if (several.length === 0) {
    return shared ? `all ${entries.length} in one process, a thread each` : "one process each";
  }
  return [...several.map(([name, count]) => `${name} ×${count}`), ...rest].join(", ");
};

/**
 * SERVICES_SHARE_PROCESS: `1` (the default) runs the services that have one process each
 * together in a single Node process, a worker thread each (scripts/services-host.mjs): one copy
 * of Node for seven services, about half the memory. `0` gives each its own process, as
 * production runs them.
 */
export const shareProcessFromEnv = (value = process.env.SERVICES_SHARE_PROCESS) => {
  if (value === undefined || value.trim() === "" || value.trim() === "1") return true;
  if (value.trim() === "0") return false;
  throw new Error(
    `SERVICES_SHARE_PROCESS="${value}" is invalid: 1 (the default) runs the services in one ` +
      "process, a worker thread each; 0 runs each in a process of its own",
  );
};

/** REPLICAS from the environment, checked against the list of services. */
export const replicasFromEnv = () =>
  parseReplicas(
    process.env.REPLICAS,
    SERVICES.map((service) => service.name),
  );
