import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./repository";

type SafeParse = (
  input: unknown,
) =>
  | { success: true; data: unknown }
  | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };

type ConfigSchema = { safeParse: SafeParse };

const isZodSchema = (value: unknown): value is ConfigSchema =>
  typeof value === "object" &&
  value !== null &&
  "_zod" in value &&
  "safeParse" in value &&
  typeof value.safeParse === "function";

/**
 * The zod schema a service parses its environment with (`src/config.ts`): the export named
 * `<Service>Config`, or the only zod schema the module exports.
 */
export const loadConfigSchema = async (serviceDir: string, name: string): Promise<ConfigSchema> => {
  const file = join(ROOT, serviceDir, "src", "config.ts");
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const named = module[`${name[0]!.toUpperCase()}${name.slice(1)}Config`];
  if (isZodSchema(named)) return named;
  const schemas = Object.values(module).filter(isZodSchema);
  if (schemas.length !== 1)
    throw new Error(
      `${serviceDir}/src/config.ts exports ${schemas.length} zod schemas; expected one`,
    );
  return schemas[0]!;
};

export type ParsedConfig =
  { ok: true; values: Record<string, unknown> } | { ok: false; problems: string[] };

/** Parses an environment as the service does at start (packages/service/src/config.ts). */
export const parseWith = (schema: ConfigSchema, env: Record<string, string>): ParsedConfig => {
  const result = schema.safeParse(env);
  if (result.success) return { ok: true, values: result.data as Record<string, unknown> };
  return {
    ok: false,
    problems: result.error.issues.map(
      (issue) => `${issue.path.map(String).join(".") || "(environment)"}: ${issue.message}`,
    ),
  };
};

/**
 * The web server's parsed environment (`apps/web/lib/server-env.ts` parses `process.env` when
 * imported and exports the result). Imported once, with `env` as the whole environment.
 */
export const loadWebServerEnv = async (
  env: Record<string, string>,
): Promise<Record<string, unknown>> => {
  const file = join(ROOT, "apps", "web", "lib", "server-env.ts");
  const saved = process.env;
  process.env = { ...env };
  try {
    const module = (await import(pathToFileURL(file).href)) as { serverEnv?: unknown };
    if (typeof module.serverEnv !== "object" || module.serverEnv === null)
      throw new Error("apps/web/lib/server-env.ts no longer exports serverEnv");
    return module.serverEnv as Record<string, unknown>;
  } finally {
    process.env = saved;
  }
};

export type Address = { host: string; port: number | undefined };

/** Hosts (and ports) a configuration value points at: URLs and `host:port` lists. */
export const addressesIn = (value: unknown): Address[] => {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item): Address[] => {
    if (typeof item !== "string") return [];
    return item
      .split(",")
      .map((part) => part.trim())
      .flatMap((part): Address[] => {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(part)) {
          try {
            const url = new URL(part);
            const port = url.port === "" ? undefined : Number(url.port);
            return [{ host: url.hostname.replace(/^\[|\]$/g, ""), port }];
          } catch {
            return [];
          }
        }
        const hostPort = /^([a-z0-9.-]+):(\d{1,5})$/i.exec(part);
        return hostPort ? [{ host: hostPort[1]!, port: Number(hostPort[2]) }] : [];
      });
  });
};

/** Inside a container these mean the container itself, never another service. */
export const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** A listen address that only the container itself can reach. */
export const isLoopbackValue = (value: unknown): boolean =>
  typeof value === "string" && isLoopback(value);
