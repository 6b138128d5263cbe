import { parse } from "yaml";
import { z } from "zod";
import { interpolateTree } from "./interpolate";
import { readRepoFile } from "./repository";

const StringOrList = z.union([z.string(), z.array(z.string())]);

const DependsOnCondition = z.enum([
  "service_started",
  "service_healthy",
  "service_completed_successfully",
]);

/** The parts of a compose service the checks read; anything else is allowed and ignored. */
export const ComposeService = z.looseObject({
  image: z.string().optional(),
  // Build arguments in the map form only, as the checks compare them with the list of services.
  build: z
    .object({
      context: z.string(),
      dockerfile: z.string(),
      target: z.string().optional(),
      args: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
    })
    .optional(),
  command: StringOrList.optional(),
  entrypoint: StringOrList.optional(),
  // The map form only, so every variable has one obvious place.
  environment: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional(),
  ports: z.array(z.string()).optional(),
  expose: z.array(z.union([z.string(), z.number()])).optional(),
  depends_on: z.record(z.string(), z.object({ condition: DependsOnCondition })).optional(),
  healthcheck: z
    .looseObject({
      test: StringOrList,
      interval: z.string().optional(),
      timeout: z.string().optional(),
      retries: z.number().optional(),
      start_period: z.string().optional(),
    })
    .optional(),
  volumes: z.array(z.string()).optional(),
  restart: z.string().optional(),
});
export type ComposeService = z.infer<typeof ComposeService>;

export const ComposeFile = z.looseObject({
  services: z.record(z.string(), ComposeService),
  volumes: z.record(z.string(), z.unknown()).optional(),
});
export type ComposeFile = z.infer<typeof ComposeFile>;

/**
 * docker-compose.yml as `docker compose` reads it: YAML merge keys (`<<: *anchor`) applied,
 * variables interpolated from `env` (none set by default, so their defaults apply), then checked
 * against the shape above.
 */
export const loadComposeFile = (
  path = "docker-compose.yml",
  env: Record<string, string> = {},
): ComposeFile =>
  ComposeFile.parse(interpolateTree(parse(readRepoFile(path), { merge: true }), env));

/** A service's environment as the container sees it: every value a string, empty ones dropped. */
export const environmentOf = (service: ComposeService): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service.environment ?? {})
      .filter(([, value]) => value !== null && value !== "")
      .map(([key, value]) => [key, String(value)]),
  );

/** The healthcheck command as one string (`CMD`, `CMD-SHELL` and the plain form alike). */
export const healthcheckCommand = (service: ComposeService): string | undefined => {
  const test = service.healthcheck?.test;
  if (test === undefined) return undefined;
  return typeof test === "string"
    ? test
    : test.filter((part, i) => i > 0 || !part.startsWith("CMD")).join(" ");
};

export const commandText = (service: ComposeService): string => {
  const command = service.command;
  return command === undefined ? "" : typeof command === "string" ? command : command.join(" ");
};
