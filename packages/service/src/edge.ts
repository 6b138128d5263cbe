import { getHeapStatistics } from "node:v8";
import rateLimit from "@fastify/rate-limit";
import underPressure from "@fastify/under-pressure";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bearerToken, type TokenVerifier } from "./auth-token";
import type { BaseConfig } from "./config";
import type { Redis } from "./redis";

/** What a service refuses or sheds at its HTTP edge, before any procedure runs. */
export type EdgeLimits = {
  /** tRPC calls per batched HTTP request. */
  maxBatchSize: number;
  /** Mutations without a valid token per client address and minute; 0: no limit. */
  publicMutationsPerMinute: number;
  /** Shared count for every process of the service; without it each process counts alone. */
  rateLimitRedis?: Redis | undefined;
  /** Load shedding (503 + Retry-After) on the API routes; probes are never shed. */
  shedding:
    | false
    | {
        /** Mean event loop delay over one sample; 0: not checked. */
        maxEventLoopDelayMs: number;
        /** JS heap in use; 0: not checked. */
        maxHeapUsedBytes: number;
        retryAfterSeconds: number;
        /** How often the process is sampled (1 s unless a test needs it quicker). */
        sampleIntervalMs?: number;
      };
};

export const DEFAULT_EDGE_LIMITS: EdgeLimits = {
  maxBatchSize: 10,
  publicMutationsPerMinute: 0,
  shedding: false,
};

type EdgeConfig = Pick<
  BaseConfig,
  | "NODE_ENV"
  | "MAX_BATCH_SIZE"
  | "PUBLIC_MUTATIONS_PER_MINUTE"
  | "SHED_EVENT_LOOP_DELAY_MS"
  | "SHED_HEAP_USED_MB"
  | "SHED_RETRY_AFTER_SECONDS"
>;

/** The limits a service's configuration asks for (defaults in `config.ts`). */
export const edgeLimitsFor = (config: EdgeConfig, redis?: Redis): EdgeLimits => {
  const heapLimitMb = Math.floor(getHeapStatistics().heap_size_limit / 1_048_576);
  const heapMb = config.SHED_HEAP_USED_MB ?? Math.floor(heapLimitMb * 0.9);
  return {
    maxBatchSize: config.MAX_BATCH_SIZE,
    publicMutationsPerMinute:
      config.PUBLIC_MUTATIONS_PER_MINUTE ?? (config.NODE_ENV === "test" ? 0 : 60),
    rateLimitRedis: redis,
    shedding: {
      maxEventLoopDelayMs:
        config.SHED_EVENT_LOOP_DELAY_MS ?? (config.NODE_ENV === "test" ? 0 : 1_000),
      maxHeapUsedBytes: heapMb * 1_048_576,
      retryAfterSeconds: config.SHED_RETRY_AFTER_SECONDS,
    },
  };
};

const HTTP_STATUS_CODES: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  408: "TIMEOUT",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

const trpcCodeFor = (status: number): TRPC_ERROR_CODE_KEY =>
  HTTP_STATUS_CODES[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST");

/** An error raised at the edge, answered in tRPC's error shape so a tRPC client reads its message. */
export class EdgeError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "EdgeError";
  }
}

const isTrpcRequest = (request: FastifyRequest) => request.url.startsWith("/trpc/");

const errorBody = (request: FastifyRequest, status: number, message: string) => {
  const code = trpcCodeFor(status);
  if (!isTrpcRequest(request)) return { statusCode: status, error: code, message };
  return {
    error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status } },
  };
};

const sendError = (request: FastifyRequest, reply: FastifyReply, status: number, message: string) =>
  reply.code(status).send(errorBody(request, status, message));

/**
 * Errors that reach Fastify rather than tRPC (unparseable or oversized bodies, limits, shedding,
 * plain routes): a 4xx keeps its message, which Fastify and this module write for callers; a
 * 5xx says only what kind of failure it was, and the details go to the log.
 */
export const installErrorHandler = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const declared = error.statusCode ?? 500;
    const status = declared >= 400 && declared < 600 ? declared : 500;
    if (error instanceof EdgeError && error.retryAfterSeconds !== undefined) {
      void reply.header("retry-after", String(error.retryAfterSeconds));
    }
    if (status < 500) {
      request.log.info({ code: error.code, status }, error.message);
      return sendError(request, reply, status, error.message);
    }
    if (status === 503) {
      return sendError(request, reply, status, error.message || "Service unavailable");
    }
    request.log.error({ err: error }, "request failed");
    return sendError(request, reply, status, "Internal server error");
  });
};

/** A batched tRPC call (`/trpc/a,b,c?batch=1`) with more calls than allowed: 400 naming the limit. */
const refuseLargeBatches = (scope: FastifyInstance, maxBatchSize: number) => {
  scope.addHook("onRequest", (request, _reply, done) => {
    const { batch } = request.query as { batch?: unknown };
    const path = (request.params as { path?: unknown }).path;
    const calls = batch === "1" && typeof path === "string" ? path.split(",").length : 0;
    if (calls > maxBatchSize) {
      done(
        new EdgeError(
          400,
          `batch: at most ${maxBatchSize} calls per request (this one has ${calls})`,
        ),
      );
      return;
    }
    done();
  });
};

/**
 * Every mutation (a POST to `/trpc`) without a valid token counts against its client address
 * (`request.ip`, which believes `X-Forwarded-For` only from `TRUSTED_PROXIES`). Calls with a valid
 * token are not counted: identity's own limits and proof of work bound how many tokens anyone
 * gets, and a hold (the on-sale's hot path) then costs no Redis round trip here.
 */
const limitPublicMutations = async (
  scope: FastifyInstance,
  opts: {
    perMinute: number;
    redis?: Redis | undefined;
    name: string;
    verifier: TokenVerifier | null;
  },
) => {
  await scope.register(rateLimit, {
    global: false,
    max: opts.perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    ...(opts.redis ? { redis: opts.redis } : {}),
    nameSpace: `ratelimit:${opts.name}:public-mutations:`,
    // Redis down: serve rather than refuse everyone; the services' own guards still hold.
    skipOnError: true,
  });
  const limit = scope.createRateLimit();
  const hasValidToken = async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    if (!token || !opts.verifier) return false;
    return opts.verifier.verify(token).then(
      () => true,
      () => false,
    );
  };
  scope.addHook("onRequest", async (request) => {
    if (request.method !== "POST") return;
    if (await hasValidToken(request)) return;
    const result = await limit(request);
    if (result.isAllowed || !result.isExceeded) return;
    const retryAfter = Math.max(1, result.ttlInSeconds);
    throw new EdgeError(
      429,
      `too many requests from your address (at most ${result.max} a minute); try again in ${retryAfter} s`,
      retryAfter,
    );
  });
};

/** Registers the edge guards on `scope`, the encapsulated part of the app that serves the API. */
export const registerEdgeGuards = async (
  scope: FastifyInstance,
  limits: EdgeLimits,
  opts: { name: string; verifier: TokenVerifier | null },
) => {
  const { shedding } = limits;
  if (shedding && (shedding.maxEventLoopDelayMs > 0 || shedding.maxHeapUsedBytes > 0)) {
    await scope.register(underPressure, {
      maxEventLoopDelay: shedding.maxEventLoopDelayMs,
      maxHeapUsedBytes: shedding.maxHeapUsedBytes,
      retryAfter: shedding.retryAfterSeconds,
      ...(shedding.sampleIntervalMs ? { sampleInterval: shedding.sampleIntervalMs } : {}),
      // Returning a body makes under-pressure send it and stop the request there (its types say
      // void, its code sends whatever is returned).
      pressureHandler: (request, reply, type) => {
        request.log.warn({ pressure: type }, "shedding load");
        void reply.code(503).header("retry-after", String(shedding.retryAfterSeconds));
        return errorBody(
          request,
          503,
          `${opts.name} is overloaded; try again in ${shedding.retryAfterSeconds} s`,
        ) as unknown as void;
      },
    });
  }
  refuseLargeBatches(scope, limits.maxBatchSize);
  if (limits.publicMutationsPerMinute > 0) {
    await limitPublicMutations(scope, {
      perMinute: limits.publicMutationsPerMinute,
      redis: limits.rateLimitRedis,
      name: opts.name,
      verifier: opts.verifier,
    });
  }
};
