import { context } from "@opentelemetry/api";
import { initTRPC, TRPCError } from "@trpc/server";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import { z, ZodError } from "zod";
import { bearerToken, type TokenVerifier } from "./auth-token";
import { findUnsafeInput } from "./input-guard";
import { requestSpanContext } from "./request-spans";

/** What every procedure can rely on; the correlation id is what later events carry as `correlationId`. */
export type Context = {
  correlationId: string;
  /** Request-scoped logger, already bound to the correlation id. */
  log: FastifyBaseLogger;
  req: FastifyRequest;
  res: FastifyReply;
  /** The bearer token and what checks it; `authedProcedure` turns them into `ctx.user`. */
  auth: { token: string | null; verifier: TokenVerifier | null };
};

export type ContextDeps = {
  /** From `createTokenVerifier`; without one, every authenticated procedure answers UNAUTHORIZED. */
  verifier?: TokenVerifier | null;
};

export const createContext = (
  { req, res }: CreateFastifyContextOptions,
  { verifier = null }: ContextDeps = {},
): Context => ({
  correlationId: req.id,
  log: req.log,
  req,
  res,
  auth: { token: bearerToken(req.headers.authorization), verifier },
});

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    const name = String(key);
    return text === "" ? name : `${text}.${name}`;
  }, "");

/** "Invalid input: seats[0].id: Invalid UUID; quantity: Too small: expected number to be >=1" */
export const describeInputError = (error: ZodError): string =>
  `Invalid input: ${error.issues
    .map((issue) => `${formatPath(issue.path) || "(input)"}: ${issue.message}`)
    .join("; ")}`;

const t = initTRPC.context<Context>().create({
  // Error bodies never carry stack traces, whatever NODE_ENV says; the stack goes to the log.
  isDev: false,
  errorFormatter({ shape, error }) {
    const inputError =
      error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause : null;
    let message = shape.message;
    if (inputError) message = describeInputError(inputError);
    // Whatever an unexpected error says (SQL, hostnames, file paths) stays in the log.
    if (error.code === "INTERNAL_SERVER_ERROR") message = "Internal server error";
    return {
      ...shape,
      message,
      data: { ...shape.data, zodError: inputError ? z.flattenError(inputError) : null },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

/**
 * Before any procedure's own schema: refuses NUL, lone surrogates and absurd nesting anywhere in
 * the raw input (GET `?input=`, POST bodies, each call of a batch), so no such string reaches
 * Postgres (which refuses NUL with an error that used to surface as a 500) or a log.
 */
const refuseUnsafeInput = t.middleware(async ({ getRawInput, next }) => {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    // No readable input: an empty body, which a mutation without input sends (tRPC reads the
    // input only for procedures that take one, and those then refuse it themselves).
    return next();
  }
  const unsafe = findUnsafeInput(raw);
  if (unsafe) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid input: ${unsafe.path || "(input)"}: ${unsafe.reason}`,
    });
  }
  return next();
});

/**
 * Runs the procedure inside its request's span (`request-spans.ts`), so the services it calls and
 * the outbox rows it writes carry the trace on; nothing when the process does not trace.
 */
const inRequestSpan = t.middleware(({ ctx, next }) => {
  const active = requestSpanContext(ctx.req.raw);
  return active ? context.with(active, next) : next();
});

/** Open to anyone who can reach the service; every other procedure is built on this one. */
export const publicProcedure = t.procedure.use(inRequestSpan).use(refuseUnsafeInput);

// `authedProcedure` and `adminProcedure` live in `./auth.ts`, built on `publicProcedure` with a
// middleware that verifies the context's bearer token.
