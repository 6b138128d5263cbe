import type { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

// Tracing for a Node process of Marquee: spans made by our own code at the boundaries (requests in
// `server.ts`, service calls in `service-client.ts`, the outbox and consumers in @marquee/events,
// notification's SMTP send), exported to Zipkin. No auto-instrumentation: each instrumented
// library would cost memory in every process. Without a Zipkin URL the SDK is never even loaded
// and the OpenTelemetry API stays a no-op.

let provider: NodeTracerProvider | undefined;

export type TracingOptions = {
  /** The name Zipkin lists the process's spans under (`inventory`, `web`). */
  serviceName: string;
  /** Zipkin's base address (`http://127.0.0.1:9411`); unset turns tracing off. */
  zipkinUrl: string | undefined;
};

/** Zipkin's span intake under its base address. */
export const zipkinSpansUrl = (zipkinUrl: string): string =>
  new URL("/api/v2/spans", zipkinUrl).toString();

/**
 * Registers the process's tracer provider (W3C trace context, AsyncLocalStorage for the active
 * span) when a Zipkin URL is configured; once per process, later calls change nothing. Spans go
 * out in batches every second, so a trace is readable in Zipkin moments after it ends.
 */
export const startTracing = async ({
  serviceName,
  zipkinUrl,
}: TracingOptions): Promise<boolean> => {
  if (provider) return true;
  if (!zipkinUrl) return false;
  const [
    { ZipkinExporter },
    { resourceFromAttributes },
    { BatchSpanProcessor, NodeTracerProvider },
  ] = await Promise.all([
    import("@opentelemetry/exporter-zipkin"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/sdk-trace-node"),
  ]);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(new ZipkinExporter({ url: zipkinSpansUrl(zipkinUrl) }), {
        scheduledDelayMillis: 1_000,
        maxQueueSize: 4_096,
      }),
    ],
  });
  provider.register();
  return true;
};

/** Whether this process records spans (a Zipkin URL was configured and tracing started). */
export const tracingEnabled = (): boolean => provider !== undefined;

/** Sends the spans still queued; for shutdown, so the last requests' spans are not lost. */
export const flushTraces = async (): Promise<void> => {
  await provider?.forceFlush();
};
