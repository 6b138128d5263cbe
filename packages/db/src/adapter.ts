import { PrismaPg } from "@prisma/adapter-pg";
import { createSchemaPool } from "./pool";
import { rememberPool } from "./sql-db";

/** What every service's `create<Service>Db` takes. */
export type DbOptions = {
  url: string;
  /** Defaults to the service's own schema; tests pass a scratch one. */
  schema?: string;
  /** Pool size; pg's default (10) when unset. The outbox relay has one connection more (`ownConnectionOf`). */
  poolMax?: number;
};

/**
 * A Prisma client on a pg pool whose every connection lands in `schema`, made by `create`
 * (`(adapter) => new PrismaClient({ adapter })`).
 *
 * The adapter's `schema` option only qualifies the tables in the SQL that Prisma builds for model
 * queries; `$queryRaw` / `$executeRaw` run unqualified against the connection's search_path, which
 * is `"$user", public` by default. So each pooled connection also lands in `schema`: as the
 * service's own role, through the role's `search_path`; as any other user, through the startup
 * option `search_path=<schema>`, as Prisma itself does for a `?schema=` URL (`searchPathOption`,
 * pool.ts). Model and raw queries agree either way. The pool is ours (`createSchemaPool`), so the
 * outbox relay and the consumers can run raw SQL on it without Prisma (`sqlDbOf`, sql-db.ts);
 * `$disconnect` still ends it.
 */
export function withSchemaPool<T extends object>(
  options: { url: string; schema: string; poolMax?: number | undefined },
  create: (adapter: PrismaPg) => T,
): T {
  const pool = createSchemaPool(options);
  const adapter = new PrismaPg(pool, { schema: options.schema, disposeExternalPool: true });
  return rememberPool(create(adapter), pool, (max) =>
    createSchemaPool({ ...options, poolMax: max }),
  );
}
