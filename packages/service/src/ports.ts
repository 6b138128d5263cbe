// The one list of Marquee's services and the ports they and the web listen on: the design's ports,
// which the development stack and the containers use. scripts/lib/services.mjs reads the same
// file (the test and bench stacks add their offset to these, scripts/lib/environments.mjs);
// docker-compose.yml, the Dockerfiles and the README keep copies that packages/containers checks.
import ports from "./ports.json" with { type: "json" };

export type ServiceName = keyof typeof ports.services;

export const SERVICE_PORTS: Readonly<Record<ServiceName, number>> = ports.services;

/** The services in port order. */
export const SERVICE_NAMES = (Object.keys(ports.services) as ServiceName[]).sort(
  (a, b) => SERVICE_PORTS[a] - SERVICE_PORTS[b],
);

export const WEB_PORT: number = ports.web;

/** Where a service answers on this machine with the design's ports (local address defaults). */
export const localServiceUrl = (name: ServiceName): string =>
  `http://127.0.0.1:${SERVICE_PORTS[name]}`;

/** The storefront as a browser on this machine reaches it with the design's port. */
export const LOCAL_WEB_URL = `http://localhost:${WEB_PORT}`;
