import { environments } from "../../scripts/lib/environments.mjs";

/**
 * The seven services and the ports of the test stack the journeys drive: the design's ports
 * (packages/service/src/ports.json) moved by the test environment's port base
 * (scripts/lib/environments.mjs), as `node scripts/marquee.mjs stack` starts them.
 */
export const services = environments.test.services.map(({ name, port }) => [name, port] as const);
