import pg from "pg";
import { assertSchemaName } from "./schema-name";
import { services } from "./services";

export type { Pool, PoolClient, QueryResult } from "pg";

/**
 * How a connection lands in `schema`. When the URL's user is the schema's own service role
 * (`marquee_inventory` for `bc_inventory`), the role's `search_path` already points there
 * (service-roles.ts) and nothing is sent: that is the only way through PgBouncer in transaction
 * pooling, which refuses startup options. Any other user (the owner in development and tests, a
 * scratch schema) gets `search_path=<schema>` as a startup option, no extra round trip.
 */
export function searchPathOption(url: string, schema: string): string | undefined {
  assertSchemaName(schema);
  const user = decodeURIComponent(new URL(url).username);
  const owner = services.find((s) => s.schema === schema);
  return owner !== undefined && owner.role === user ? undefined : `-c search_path=${schema}`;
}

/**
 * A plain `pg` pool whose every connection lands in `schema`, like the Prisma clients'
 * (`searchPathOption`). For hot paths that are one SQL statement and gain nothing from Prisma's
 * query layer; everything else keeps using the service's client.
 */
export function createSchemaPool(options: {
  url: string;
  schema: string;
  poolMax?: number | undefined;
}): pg.Pool {
  const { url, schema, poolMax } = options;
  const startup = searchPathOption(url, schema);
  return new pg.Pool({
    connectionString: url,
    ...(startup === undefined ? {} : { options: startup }),
    ...(poolMax === undefined ? {} : { max: poolMax }),
  });
}
