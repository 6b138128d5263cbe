// The service image's build arguments, checked against the list of services and ports before
// anything is pruned: `node infra/docker/check-service-args.mjs <SERVICE> <PORT>`. Exits 1 with a
// message naming the argument when SERVICE is missing or unlisted, or PORT is not its port.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const LIST = new URL("../../packages/service/src/ports.json", import.meta.url);

/**
 * What is wrong with a SERVICE and PORT pair, or undefined when the list has that service on that
 * port.
 * @param {string | undefined} service
 * @param {string | undefined} port
 * @param {Record<string, number>} ports
 * @returns {string | undefined}
 */
export const serviceArgsProblem = (service, port, ports) => {
  const names = Object.keys(ports).join(", ");
  if (!service) return `build argument SERVICE is required (one of ${names})`;
  if (!Object.hasOwn(ports, service))
    return `build argument SERVICE is "${service}", which is not a service (one of ${names})`;
  if (port !== String(ports[service]))
    return `build argument PORT is "${port ?? ""}"; ${service} listens on ${ports[service]}`;
  return undefined;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { services } = JSON.parse(readFileSync(LIST, "utf8"));
  const problem = serviceArgsProblem(process.argv[2], process.argv[3], services);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
