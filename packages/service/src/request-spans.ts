import { contextFromHeaders } from "@marquee/events/trace-context";
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from "@opentelemetry/api";
import type { FastifyInstance } from "fastify";
import type { IncomingMessage } from "node:http";

const spans = new WeakMap<IncomingMessage, Span>();

/**
 * A SERVER span for every request but the probes, continuing the caller's `traceparent` (the
 * web's or another service's call), named by method and path (`POST /trpc/reserve`).
 */
export const traceRequests = (app: FastifyInstance, isProbe: (url: string) => boolean): void => {
  const tracer = trace.getTracer("marquee");
  app.addHook("onRequest", (request, _reply, done) => {
    if (isProbe(request.url)) return done();
    const path = request.url.split("?")[0] ?? request.url;
    const span = tracer.startSpan(
      `${request.method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": request.method, "url.path": path },
      },
      contextFromHeaders(request.headers),
    );
    spans.set(request.raw, span);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    const span = spans.get(request.raw);
    if (!span) return done();
    span.setAttribute("http.response.status_code", reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    done();
  });
};

/** The context of the request's span, for running its procedure inside it; undefined untraced. */
export const requestSpanContext = (request: IncomingMessage): Context | undefined => {
  const span = spans.get(request);
  return span ? trace.setSpan(context.active(), span) : undefined;
};
