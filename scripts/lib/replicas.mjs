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

/** "inventory ×2, ordering ×2", or "one process each". */
export const describeReplicas = (counts) => {
  const several = Object.entries(counts).filter(([, count]) => count > 1);
  return several.length === 0
    ? "one process each"
    : several.map(([name, count]) => `${name} ×${count}`).join(", ");
};

/** REPLICAS from the environment, checked against the list of services. */
export const replicasFromEnv = () =>
  parseReplicas(
    process.env.REPLICAS,
    SERVICES.map((service) => service.name),
  );
