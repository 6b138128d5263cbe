import { z } from "zod";

/** Environment shared by every service; each service extends it in its own `src/config.ts`. */
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
    .default("http://127.0.0.1:5000/.well-known/jwks.json"),
  JWT_ISSUER: z.string().min(1).default("marquee-identity"),
  JWT_AUDIENCE: z.string().min(1).default("marquee"),
  /** Worker processes sharing the service's port (`@marquee/service/cluster`); 1 runs in-process. */
  PROCESSES: z.coerce
    .number({ error: "expected a whole number of processes from 1 to 64" })
    .int("expected a whole number of processes from 1 to 64")
    .min(1, "expected a whole number of processes from 1 to 64")
    .max(64, "expected a whole number of processes from 1 to 64")
    .default(1),
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
