import type { AnyRouter, inferRouterContext } from "@trpc/server";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { ZodError } from "zod";
import { CORRELATION_ID_HEADER, resolveCorrelationId } from "./correlation-id";
import type { Logger } from "./logger";
import { createHttpMetrics, type Registry } from "./metrics";
import {
  DEFAULT_CHECK_TIMEOUT_MS,
  noteReadiness,
  runReadinessChecks,
  type ReadinessCheck,
  type ReadinessReport,
} from "./readiness";
import type { TokenVerifier } from "./auth-token";
import {
  DEFAULT_EDGE_LIMITS,
  installErrorHandler,
  registerEdgeGuards,
  type EdgeLimits,
} from "./edge";
import { traceRequests } from "./request-spans";
import { tracingEnabled } from "./tracing";
import { createContext as createBaseContext, describeInputError } from "./trpc";
import { registerTrpcHttp, type TrpcHttpOptions } from "./trpc-http";

export type ShutdownHook = () => Promise<unknown> | void;

export type ServiceOptions<TRouter extends AnyRouter> = {
  name: string;
  port: number;
  host: string;
  logger: Logger;
  router: TRouter;
  /** Checks bearer tokens for `authedProcedure`/`adminProcedure` (`tokenVerifierFor(config)`). */
  verifier?: TokenVerifier;
  /** Extra plain HTTP routes next to `/trpc` (identity's `/.well-known/jwks.json`). */
  routes?: (app: FastifyInstance) => void;
  /**
   * Fastify's `trustProxy`: whom to believe about the client address in `X-Forwarded-For`.
   * Off by default, so `request.ip` is the peer address and cannot be spoofed by a header.
   */
  trustProxy?: boolean | string | string[];
  /**
   * Batch cap, rate limit of public mutations and load shedding on `/trpc` and `routes`
   * (`edgeLimitsFor(config, redis)`); without it: batches of 10, no rate limit, no shedding.
   */
  limits?: EdgeLimits;
  /**
   * Defaults to `createContext` from `@marquee/service/trpc` with `verifier`; extend that rather
   * than replace it.
   */
  createContext?: (
    opts: CreateFastifyContextOptions,
  ) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Named dependency checks behind `GET /readyz`; the names appear in the response. */
  readiness: Record<string, ReadinessCheck>;
  /** Run in order once the server has stopped accepting requests, e.g. consumers before the producer. */
  onShutdown: ShutdownHook[];
  readinessTimeoutMs?: number;
  /** A shutdown that takes longer than this exits with code 1. */
  shutdownTimeoutMs?: number;
  /** Install SIGTERM/SIGINT handlers on `start()`; off for services embedded in tests. */
  handleSignals?: boolean;
};

export type Service = {
  app: FastifyInstance;
  /** The service's Prometheus registry, for use cases that want their own metrics. */
  metrics: Registry;
  /** Listens and resolves with the bound address (useful with port 0). */
  start(): Promise<string>;
  /** Closes the server, then runs the shutdown hooks; safe to call more than once. */
  stop(): Promise<void>;
};

const PROBE_ROUTES = new Set(["/healthz", "/readyz", "/metrics"]);

export const createService = <TRouter extends AnyRouter>(
  options: ServiceOptions<TRouter>,
): Service => {
  const { name, logger, router } = options;
  const readinessTimeoutMs = options.readinessTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;

  // Typed as Fastify's base logger so `app` is a plain FastifyInstance that plugins accept.
  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    // The request id *is* the correlation id, so Fastify binds it into every request log line.
    genReqId: (raw) => resolveCorrelationId(raw.headers[CORRELATION_ID_HEADER]),
    logController: new LogController({
      requestIdLogLabel: "correlationId",
      // Probes arrive every few seconds; their outcome is in metrics and readiness transitions.
      disableRequestLogging: (request) => PROBE_ROUTES.has(request.url),
    }),
    // tRPC batches put every procedure name into one path segment.
    routerOptions: { maxParamLength: 5_000 },
    trustProxy: options.trustProxy ?? false,
  });

  const metrics = createHttpMetrics(name);

  app.addHook("onRequest", async (request, reply) => {
    reply.header(CORRELATION_ID_HEADER, request.id);
  });
  // Only in a process that traces (ZIPKIN_URL), so an untraced service pays not even a hook.
  if (tracingEnabled()) traceRequests(app, (url) => PROBE_ROUTES.has(url));

  app.addHook("onResponse", async (request, reply) => {
    metrics.observeRequest(
      {
        // The route pattern, never the raw URL, so label cardinality stays bounded.
        route: request.routeOptions.url ?? "unmatched",
        method: request.method,
        status: reply.statusCode,
      },
      reply.elapsedTime / 1_000,
    );
  });

  app.get("/healthz", (_request, reply) => reply.send({ status: "ok" }));

  const lastStatus = new Map<string, string>();
  const logTransitions = (report: ReadinessReport) => {
    for (const [check, result] of Object.entries(report.checks)) {
      const previous = lastStatus.get(check);
      lastStatus.set(check, result.status);
      if (result.status === "failing" && previous !== "failing") {
        app.log.warn({ check, error: result.error }, `readiness check "${check}" failing`);
      } else if (result.status === "ok" && previous === "failing") {
        app.log.info({ check }, `readiness check "${check}" recovered`);
      }
    }
  };

  app.get("/readyz", async (_request, reply) => {
    const report = await runReadinessChecks(options.readiness, readinessTimeoutMs);
    logTransitions(report);
    noteReadiness(report);
    return reply.code(report.status === "ready" ? 200 : 503).send(report);
  });

  app.get("/metrics", async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  installErrorHandler(app);

  const verifier = options.verifier ?? null;
  const limits = options.limits ?? DEFAULT_EDGE_LIMITS;
  const trpcOptions: TrpcHttpOptions<TRouter> = {
    router,
    // The edge hook answers first with a clearer message; this is the handler's own backstop.
    maxBatchSize: limits.maxBatchSize,
    // Without an override the router's context must be the base `Context`, which is what this builds.
    createContext: options.createContext ?? ((opts) => createBaseContext(opts, { verifier })),
    onError({ error, path, req }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        req.log.error({ err: error.cause ?? error, path }, "procedure failed");
        return;
      }
      const message =
        error.cause instanceof ZodError ? describeInputError(error.cause) : error.message;
      req.log.info({ code: error.code, path }, message);
    },
  };
  // The API in its own scope, so shedding and limits never touch the probes above.
  void app.register(async (api) => {
    await registerEdgeGuards(api, limits, { name, verifier });
    options.routes?.(api);
    registerTrpcHttp(api, "/trpc", trpcOptions);
  });

  let stopping: Promise<void> | undefined;
  const signals = ["SIGTERM", "SIGINT"] as const;

  const runShutdown = async () => {
    await app.close();
    const failures: unknown[] = [];
    // In order, and each one even if an earlier one failed: a stuck consumer must not keep Redis open.
    for (const [index, hook] of options.onShutdown.entries()) {
      try {
        await hook();
      } catch (error) {
        failures.push(error);
        app.log.error({ err: error, hook: hook.name || index }, "shutdown hook failed");
      }
    }
    for (const signal of signals) process.off(signal, onSignal);
    if (failures.length > 0) throw new AggregateError(failures, "shutdown hooks failed");
    app.log.info(`${name} stopped`);
  };

  const stop = () => {
    stopping ??= runShutdown();
    return stopping;
  };

  function onSignal(signal: NodeJS.Signals) {
    if (stopping) {
      app.log.error({ signal }, "second signal during shutdown, exiting now");
      process.exit(1);
    }
    app.log.info({ signal }, `${name} shutting down`);
    const force = setTimeout(() => {
      app.log.error(`shutdown took longer than ${shutdownTimeoutMs} ms, exiting`);
      process.exit(1);
    }, shutdownTimeoutMs);
    stop().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      () => process.exit(1),
    );
  }

  const start = async () => {
    if (options.handleSignals ?? true) {
      for (const signal of signals) process.on(signal, onSignal);
    }
    try {
      return await app.listen({
        port: options.port,
        host: options.host,
        listenTextResolver: (address) => `${name} ready on ${address}`,
      });
    } catch (error) {
      app.log.fatal({ err: error }, `${name} could not start`);
      await stop().catch(() => undefined);
      throw error;
    }
  };

  return { app, metrics: metrics.registry, start, stop };
};
