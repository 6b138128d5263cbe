import pg from "pg";
import { assertSchemaName } from "./schema-name";

export type { Pool, PoolClient, QueryResult } from "pg";

/**
 * A plain `pg` pool whose every connection lands in `schema`, like the Prisma clients' (the
 * search_path is a startup option, no extra round trip). For hot paths that are one SQL statement
 * and gain nothing from Prisma's query layer; everything else keeps using the service's client.
 */
export function createSchemaPool(options: {
  url: string;
  schema: string;
  poolMax?: number | undefined;
}): pg.Pool {
  const { url, schema, poolMax } = options;
  assertSchemaName(schema);
  return new pg.Pool({
    connectionString: url,
    options: `-c search_path=${schema}`,
    ...(poolMax === undefined ? {} : { max: poolMax }),
  });
}
