import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { services } from "./services";

/**
 * Every folder under `prisma/`: one per service, plus `fixture`, a tiny schema that the outbox
 * relay and consumer tests apply to throwaway schemas. `fixture` belongs to no service.
 */
export const schemaFolders = [...services.map((s) => s.name), "fixture"] as const;
export type SchemaFolder = (typeof schemaFolders)[number];

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

export const schemaFile = (name: SchemaFolder): string =>
  join(packageRoot, "prisma", name, "schema.prisma");

export const configFile = (name: SchemaFolder): string =>
  join(packageRoot, "prisma", name, "prisma.config.ts");

export const migrationsDir = (name: SchemaFolder): string =>
  join(packageRoot, "prisma", name, "migrations");

export const generatedDir = (name: SchemaFolder): string => join(packageRoot, "generated", name);

export const isSchemaFolder = (name: string): name is SchemaFolder =>
  (schemaFolders as readonly string[]).includes(name);
