import { TRPCError, type AnyRouter, type inferRouterContext } from "@trpc/server";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { TRPCRequestInfo } from "@trpc/server/http";
import {
  getErrorShape,
  getHTTPStatusCode,
  getRequestInfo,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  type AnyRootTypes,
  type RootConfig,
} from "@trpc/server/unstable-core-do-not-import";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * tRPC's HTTP protocol (JSON, one call or a batch) answered straight from Fastify's request and
 * reply. tRPC's own Fastify adapter turns every request into a fetch `Request` (URL, `Headers`,
 * an `AbortController`, the body as a web stream) and every answer into a `Response` that Fastify
 * reads back as a stream: on the on-sale bench that was 0.2–0.4 ms of CPU per call, a quarter of
 * inventory's. Here tRPC parses the call (`getRequestInfo`: paths, batch, inputs, content type),
 * shapes errors (`getErrorShape`, the router's error formatter) and picks the status
 * (`getHTTPStatusCode`), exactly as its adapter does; only the conversions are gone.
 *
 * What it serves: queries by GET, mutations by POST, batches (`?batch=1`) of either, the way
 * `httpLink` and `httpBatchLink` call. Streamed answers (`httpBatchStreamLink`) and subscriptions
 * are refused with a message saying so: no Marquee client uses them.
 */
export type TrpcHttpOptions<TRouter extends AnyRouter> = {
  router: TRouter;
  createContext: (
    opts: CreateFastifyContextOptions,
  ) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Calls per batched request; more is refused with 400. */
  maxBatchSize: number;
  onError?: (opts: { error: TRPCError; path: string | undefined; req: FastifyRequest }) => void;
};

const ACCEPTED_METHOD = { query: "GET", mutation: "POST" } as const;

/** What a call is, for error shapes: its procedure's type, or "unknown" when there is none. */
type CallType = "query" | "mutation" | "subscription" | "unknown";

/** The parts of a fetch `Request` that `getRequestInfo` reads, over Fastify's request. */
const requestView = (request: FastifyRequest) => {
  const header = (name: string): string | null => {
    const value = request.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : String(value);
  };
  const headers = { get: header, has: (name: string) => header(name) !== null };
  return {
    method: request.method,
    headers,
    // The body arrives as text (the JSON parser below); an empty one fails like `Request.json()`.
    json: () =>
      new Promise<unknown>((resolve) => {
        try {
          resolve(JSON.parse(typeof request.body === "string" ? request.body : ""));
        } catch (cause) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: `Invalid input: the request body is not JSON (${(cause as Error).message})`,
            cause,
          });
        }
      }),
  };
};

const refuse = (message: string) => new TRPCError({ code: "METHOD_NOT_SUPPORTED", message });

const handle = async <TRouter extends AnyRouter>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: TrpcHttpOptions<TRouter>,
) => {
  const config = options.router._def._config as RootConfig<AnyRootTypes>;
  const url = new URL(request.url, "http://service.invalid");
  const view = requestView(request);
  let info: TRPCRequestInfo | undefined;
  let ctx: inferRouterContext<TRouter> | undefined;
  const send = (json: unknown) =>
    reply
      .code(getHTTPStatusCode(json as Parameters<typeof getHTTPStatusCode>[0]))
      .header("vary", "trpc-accept, accept")
      .header("content-type", "application/json")
      .send(JSON.stringify(transformTRPCResponse(config, json as never)));
  const failure = (error: TRPCError, path: string | undefined, input: unknown, type: CallType) => {
    options.onError?.({ error, path, req: request });
    const shape: unknown = getErrorShape({
      config,
      ctx,
      error,
      input,
      path,
      type,
    });
    return { error: shape };
  };

  try {
    const rawPath = (request.params as { path: string }).path;
    info = await getRequestInfo({
      req: view as unknown as Request,
      path: decodeURIComponent(rawPath),
      router: options.router,
      searchParams: url.searchParams,
      headers: view.headers as unknown as Headers,
      url,
      maxBatchSize: options.maxBatchSize,
    });
    if (info.accept === "application/jsonl") {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message:
          "streamed answers are not served here: call without trpc-accept: application/jsonl",
      });
    }
    const requestInfo = info;
    let contextError: unknown = null;
    try {
      ctx = await options.createContext({ req: request, res: reply, info: requestInfo });
    } catch (cause) {
      contextError = cause;
    }
    const answers = await Promise.all(
      requestInfo.calls.map(async (call) => {
        const type = call.procedure?._def.type ?? "unknown";
        try {
          if (contextError) throw getTRPCErrorFromUnknown(contextError);
          const procedure = call.procedure;
          if (!procedure) {
            throw new TRPCError({
              code: "NOT_FOUND",
              message: `No procedure found on path "${call.path}"`,
            });
          }
          if (procedure._def.type === "subscription") {
            throw refuse(`subscriptions are not served over HTTP here ("${call.path}")`);
          }
          if (ACCEPTED_METHOD[procedure._def.type] !== request.method) {
            throw refuse(
              `Unsupported ${request.method}-request to ${procedure._def.type} procedure at path "${call.path}"`,
            );
          }
          const data: unknown = await procedure({
            path: call.path,
            getRawInput: call.getRawInput,
            ctx,
            type: procedure._def.type,
            signal: undefined,
            batchIndex: call.batchIndex,
          });
          return { result: { data } };
        } catch (cause) {
          return failure(getTRPCErrorFromUnknown(cause), call.path, call.result(), type);
        }
      }),
    );
    return send(requestInfo.isBatchCall ? answers : answers[0]);
  } catch (cause) {
    return send(
      failure(getTRPCErrorFromUnknown(cause), undefined, undefined, info?.type ?? "unknown"),
    );
  }
};

/** Serves `router` at `<prefix>/:path` in `scope` (bodies of `application/json` read as text). */
export const registerTrpcHttp = <TRouter extends AnyRouter>(
  scope: FastifyInstance,
  prefix: string,
  options: TrpcHttpOptions<TRouter>,
) => {
  scope.removeContentTypeParser("application/json");
  scope.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) =>
    done(null, body),
  );
  scope.route({
    method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    url: `${prefix}/:path`,
    handler: (request, reply) => handle(request, reply, options),
  });
};
