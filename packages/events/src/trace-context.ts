import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type TextMapGetter,
} from "@opentelemetry/api";

// The W3C trace context (`traceparent`, `tracestate`) carried across the boundaries a purchase
// crosses: HTTP headers, outbox rows and Kafka headers. Only the OpenTelemetry API is used here;
// without a tracer provider registered (`@marquee/service/tracing` does that when ZIPKIN_URL is
// set) every call below is a no-op that allocates next to nothing.

export { SpanKind };

/** Header values as Node's HTTP and kafkajs hand them over (strings, Buffers or lists of them). */
export type CarrierValue = string | Buffer | Array<string | Buffer> | undefined;
export type Carrier = Record<string, CarrierValue>;

const headerGetter: TextMapGetter<Carrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** The trace context of `carrier` (HTTP or Kafka headers, an outbox row's headers), or the root. */
export const contextFromHeaders = (carrier: Carrier | null | undefined): Context =>
  carrier ? propagation.extract(ROOT_CONTEXT, carrier, headerGetter) : ROOT_CONTEXT;

/** The active trace context as headers (`traceparent`, `tracestate`); empty when not tracing. */
export const traceHeaders = (from: Context = context.active()): Record<string, string> => {
  const headers: Record<string, string> = {};
  propagation.inject(from, headers);
  return headers;
};

const tracer = () => trace.getTracer("marquee");

export type SpanOptions = {
  kind: SpanKind;
  /** The context the span continues; the active one unless given. */
  parent?: Context;
  attributes?: Attributes;
};

/**
 * Runs `work` inside a new span (active for everything it awaits, so outbox rows written and
 * services called carry it on) and ends the span when `work` settles; a thrown error marks it.
 */
export const inSpan = async <T>(
  name: string,
  { kind, parent, attributes }: SpanOptions,
  work: () => Promise<T>,
): Promise<T> => {
  const from = parent ?? context.active();
  const span = tracer().startSpan(name, { kind, ...(attributes ? { attributes } : {}) }, from);
  try {
    return await context.with(trace.setSpan(from, span), work);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
};
