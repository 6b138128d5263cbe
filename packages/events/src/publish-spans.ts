import { SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { contextFromHeaders, traceHeaders } from "./trace-context";

export type PublishSpans = {
  /** Each message's headers, its `traceparent` now naming its publish span. */
  headers: Array<Record<string, string>>;
  /** Ends every span, marked failed when the send failed. */
  end(error?: unknown): void;
};

/**
 * The outbox relay's PRODUCER spans: one per message whose row carries a trace context, so a
 * trace shows how long an event waited in the outbox and its consumers hang below its publish.
 * Messages without one (written while nothing was traced) keep their headers untouched.
 */
export const publishSpans = (
  messages: ReadonlyArray<{ topic: string; headers: Record<string, string> }>,
): PublishSpans => {
  const tracer = trace.getTracer("marquee");
  const spans: Span[] = [];
  const headers = messages.map((message) => {
    const parent = contextFromHeaders(message.headers);
    if (!trace.getSpanContext(parent)) return message.headers;
    const span = tracer.startSpan(
      `publish ${message.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { "messaging.system": "kafka", "messaging.destination.name": message.topic },
      },
      parent,
    );
    spans.push(span);
    return { ...message.headers, ...traceHeaders(trace.setSpan(parent, span)) };
  });
  return {
    headers,
    end(error) {
      for (const span of spans) {
        if (error !== undefined) {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: error instanceof Error ? error.message : "send failed",
          });
        }
        span.end();
      }
    },
  };
};
