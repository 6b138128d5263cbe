import type pg from "pg";
import type { Service } from "./services";

/**
 * Each service connects as a role of its own (`marquee_<name>`) that can reach its own schema and
 * nothing else, so "no service reads another's tables" is the database's rule, not a convention.
 * The role's `search_path` is set on the role itself, so a connection lands in the service's schema
 * with no startup option, which PgBouncer in transaction pooling refuses (pool.ts).
 *
 * Run by the migration runner, as the migrations' owner, after the schema is migrated and under
 * the schema's advisory lock, on every run: idempotent, and it catches up a role made by hand or
 * by an operator. A `password` (the set-up's `<SERVICE>_DB_PASSWORD`, from a secret) is set on
 * every run, so rotating it is changing the secret and running the set-up again; without one the
 * role's password is left as it is (none locally, where Postgres trusts 127.0.0.1).
 *
 * Privileges: USAGE on the schema (no CREATE: migrations run as the owner); read and write on its
 * tables, sequences and functions, now and, through default privileges of the migrations' owner,
 * for every table a later migration creates; only SELECT on `_prisma_migrations`. On PostgreSQL 17
 * and later also MAINTAIN, so the outbox relay's `VACUUM` runs; before 17 only an owner may vacuum,
 * Postgres skips it with a warning and autovacuum does the work.
 */
export async function ensureServiceRole(
  client: pg.Client,
  service: Service,
  password?: string,
): Promise<void> {
  const role = client.escapeIdentifier(service.role);
  const schema = client.escapeIdentifier(service.schema);
  // Roles belong to the whole server, not one database: two environments' runners can race here.
  await client.query(`DO $$ BEGIN
    CREATE ROLE ${role} LOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`);
  const { rows } = await client.query<{ login: boolean; search_path: boolean }>(
    `SELECT r.rolcanlogin AS login,
            coalesce($2 = ANY (s.setconfig), false) AS search_path
       FROM pg_roles r
       LEFT JOIN pg_db_role_setting s ON s.setrole = r.oid AND s.setdatabase = 0
      WHERE r.rolname = $1`,
    [service.role, `search_path=${service.schema}`],
  );
  // Changed only when needed: a concurrent ALTER of the same role fails ("tuple concurrently updated").
  if (!rows[0]?.login) await client.query(`ALTER ROLE ${role} LOGIN`);
  if (!rows[0]?.search_path) await client.query(`ALTER ROLE ${role} SET search_path = ${schema}`);
  // A utility statement takes no parameters: the literal is escaped, and never logged.
  if (password) await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(password)}`);

  const maintain = await supportsMaintain(client);
  const tables = `SELECT, INSERT, UPDATE, DELETE${maintain ? ", MAINTAIN" : ""}`;
  // One round trip; pg sends a query without parameters as one simple-protocol batch.
  await client.query(`
    GRANT USAGE ON SCHEMA ${schema} TO ${role};
    GRANT ${tables} ON ALL TABLES IN SCHEMA ${schema} TO ${role};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${role};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT ${tables} ON TABLES TO ${role};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${role};
    REVOKE ALL ON ${schema}._prisma_migrations FROM ${role};
    GRANT SELECT ON ${schema}._prisma_migrations TO ${role};
  `);
}

async function supportsMaintain(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ version: number }>(
    "SELECT current_setting('server_version_num')::int AS version",
  );
  return (rows[0]?.version ?? 0) >= 170_000;
}
