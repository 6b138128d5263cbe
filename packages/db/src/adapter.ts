import { PrismaPg } from "@prisma/adapter-pg";
import { assertSchemaName } from "./schema-name";

/** What every service's `create<Service>Db` takes. */
export type DbOptions = {
  url: string;
  /** Defaults to the service's own schema; tests pass a scratch one. */
  schema?: string;
  /** Pool size; pg's default (10) when unset. */
  poolMax?: number;
};

/**
 * A pg adapter whose every query lands in `schema`.
 *
 * The adapter's `schema` option only qualifies the tables in the SQL that Prisma builds for model
 * queries; `$queryRaw` / `$executeRaw` run unqualified against the connection's search_path, which
 * is `"$user", public` by default. So each pooled connection also starts with
 * `search_path=<schema>` (a startup option, no extra round trip), as Prisma itself does for a
 * `?schema=` URL, and model and raw queries agree.
 */
export function createSchemaAdapter(options: {
  url: string;
  schema: string;
  poolMax?: number | undefined;
}): PrismaPg {
  const { url, schema, poolMax } = options;
  assertSchemaName(schema);
  return new PrismaPg(
    {
      connectionString: url,
      options: `-c search_path=${schema}`,
      ...(poolMax === undefined ? {} : { max: poolMax }),
    },
    { schema },
  );
}
