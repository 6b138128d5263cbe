import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

export type { Registry };

export type HttpMetrics = {
  registry: Registry;
  observeRequest(labels: { route: string; method: string; status: number }, seconds: number): void;
};

/**
 * One registry per service instance rather than prom-client's global one, so a process (or a test
 * file) can hold several services without "metric already registered" clashes.
 */
export const createHttpMetrics = (service: string): HttpMetrics => {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration in seconds, by route pattern, method and status code",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  return {
    registry,
    observeRequest: ({ route, method, status }, seconds) =>
      duration.observe({ route, method, status: String(status) }, seconds),
  };
};
