import { defineConfig, type PrismaConfigInternal } from "prisma/config";
import { databaseUrlFromEnv } from "./database-url";
import { type SchemaFolder } from "./schema-folders";
import { services } from "./services";

/**
 * The `prisma.config.ts` beside each schema (paths there are relative to that file). Our runner
 * applies migrations on this machine; the same config lets Prisma's own CLI (`migrate status`,
 * `migrate deploy`) work on the same folders wherever its native engine can be installed.
 * The fixture's default target is a schema named `fixture`; its tests pick their own.
 */
export function prismaCliConfig(name: SchemaFolder): PrismaConfigInternal {
  const schema = services.find((s) => s.name === name)?.schema ?? name;
  const url = new URL(databaseUrlFromEnv());
  url.searchParams.set("schema", schema);
  return defineConfig({
    schema: "schema.prisma",
    migrations: { path: "migrations" },
    datasource: { url: url.toString() },
  });
}
