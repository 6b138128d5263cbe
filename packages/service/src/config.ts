import { isIP } from "node:net";
import { z } from "zod";
import { localServiceUrl } from "./ports";

/** proxy-addr's names for whole ranges, which Fastify's `trustProxy` understands. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

const isProxyEntry = (entry: string): boolean => {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
};

const wholeNumber = (fallback: number, min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .min(min, `expected ${what}`)
    .max(max, `expected ${what}`)
    .default(fallback);

/** Environment shared by every service; each service extends it in its own `src/config.ts`. */
const CPU_NICE_RANGE = "expected a whole number from 0 (as started) to 19 (lowest priority)";

/** A nice value for `CPU_NICE`, 0–19, with the service's own default. */
export const cpuNiceSchema = (defaultNice: number) =>
  z.coerce
    .number({ error: CPU_NICE_RANGE })
    .int(CPU_NICE_RANGE)
    .min(0, CPU_NICE_RANGE)
    .max(19, CPU_NICE_RANGE)
    .default(defaultNice);

export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "expected a postgresql:// URL" })
    .default("postgresql://postgres@127.0.0.1:5432/marquee"),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" })
    .default("redis://127.0.0.1:6379"),
  KAFKA_BROKERS: z
    .string()
    .default("127.0.0.1:9092")
    .transform((list) =>
      list
        .split(",")
        .map((broker) => broker.trim())
        .filter((broker) => broker !== ""),
    )
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, "expected host:port")).min(1)),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Where every service fetches identity's public keys to verify access tokens. */
  IDENTITY_JWKS_URL: z
    .url({ protocol: /^https?$/, error: "expected an http(s):// URL" })
    .default(`${localServiceUrl("identity")}/.well-known/jwks.json`),
  JWT_ISSUER: z.string().min(1).default("marquee-identity"),
  JWT_AUDIENCE: z.string().min(1).default("marquee"),
  /**
   * The service's CPU priority as a nice value, 0 (as started) to 19 (lowest), applied at start to
   * every thread and process of the service (`@marquee/service/cpu-priority`). Services whose work
   * follows a purchase rather than answering one default higher (cpuNiceSchema).
   */
  CPU_NICE: cpuNiceSchema(0),
  /**
   * Zipkin's base address (`http://127.0.0.1:9411`): the service sends its spans there
   * (`@marquee/service/tracing`). Unset: no tracing, and it costs nothing.
   */
  ZIPKIN_URL: z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" }).optional(),
  /** Worker processes sharing the service's port (`@marquee/service/cluster`); 1 runs in-process. */
  PROCESSES: z.coerce
    .number({ error: "expected a whole number of processes from 1 to 64" })
    .int("expected a whole number of processes from 1 to 64")
    .min(1, "expected a whole number of processes from 1 to 64")
    .max(64, "expected a whole number of processes from 1 to 64")
    .default(1),
  /**
   * Peers whose `X-Forwarded-For` is believed (Fastify's `trustProxy`): a comma list of addresses,
   * CIDRs or `loopback` / `linklocal` / `uniquelocal`. Empty (the default) believes nobody, so
   * `request.ip` is the peer and a header cannot change it.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(
            isProxyEntry,
            "expected addresses or CIDRs (or loopback, linklocal, uniquelocal)",
          ),
      ),
    ),
  /** Identity's old setting, which could believe anyone (`true`); refused so it is not silently ignored. */
  TRUST_PROXY: z
    .undefined({ error: "replaced by TRUSTED_PROXIES (addresses or CIDRs of your proxies)" })
    .optional(),
  /** tRPC calls one HTTP request may batch; more is a 400 naming the limit. */
  MAX_BATCH_SIZE: wholeNumber(10, 1, 100, "a whole number of calls from 1 to 100"),
  /**
   * Mutations without a valid token, per client address and minute, shared through Redis by every
   * process of the service; 0 turns the limit off. Unset: 60, or off under NODE_ENV=test, where
   * every test calls from 127.0.0.1 (the limit's own tests set it).
   */
  PUBLIC_MUTATIONS_PER_MINUTE: z.coerce
    .number({ error: "expected a whole number of calls, 0 for no limit" })
    .int("expected a whole number of calls, 0 for no limit")
    .min(0, "expected a whole number of calls, 0 for no limit")
    .optional(),
  /**
   * Shed load (503 + Retry-After) while the event loop lags more than this on average; 0: never.
   * Unset: 1000, or never under NODE_ENV=test, where test suites and benchmarks share a busy
   * machine's cores with everything they start (shedding's own tests set it).
   */
  SHED_EVENT_LOOP_DELAY_MS: z.coerce
    .number({ error: "milliseconds from 0 to 60000" })
    .int("milliseconds from 0 to 60000")
    .min(0, "milliseconds from 0 to 60000")
    .max(60_000, "milliseconds from 0 to 60000")
    .optional(),
  /** Shed load while the JS heap uses more than this; unset: 90 % of V8's heap limit; 0: never. */
  SHED_HEAP_USED_MB: z.coerce
    .number({ error: "expected a whole number of megabytes" })
    .int("expected a whole number of megabytes")
    .min(0, "expected a whole number of megabytes")
    .optional(),
  /** What a shed request's `Retry-After` says. */
  SHED_RETRY_AFTER_SECONDS: wholeNumber(5, 1, 3_600, "seconds from 1 to 3600"),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** `PORT` with the service's own default, so every service can run locally with no env at all. */
export const portSchema = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65_535).default(defaultPort);

type Env = Record<string, string | undefined>;

/**
 * Parses the environment once at start-up. Every invalid variable is reported in one error, so a
 * misconfigured deployment is fixed in one round trip; values are never echoed (they may be secrets).
 */
export const parseConfig = <Schema extends z.ZodType>(
  schema: Schema,
  env: Env = process.env,
): z.output<Schema> => {
  // An empty variable (`LOG_LEVEL=` in a compose file) means "use the default", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;

  const lines = result.error.issues.map((issue) => {
    const [variable, ...rest] = issue.path.map(String);
    const name = rest.length > 0 ? `${variable}[${rest.join(".")}]` : (variable ?? "(environment)");
    return `  - ${name}: ${issue.message}`;
  });
  throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
};
