import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { redact } from "./database-url";
import { assertSchemaName } from "./schema-name";
import { isSchemaFolder, migrationsDir, schemaFolders } from "./schema-folders";
import { ensureServiceRole } from "./service-roles";
import { services, type Service, type ServiceName } from "./services";

/**
 * Applies the hand-written migrations under `prisma/<name>/migrations` and records them in the
 * target schema's own `_prisma_migrations` table exactly as `prisma migrate deploy` would, so
 * Prisma's CLI (where its engine is available) sees the same history.
 *
 * Differences from Prisma, on purpose: each migration runs in one transaction (a failing one
 * leaves nothing behind, not even a "failed" row), and the lock is per schema rather than per
 * database, so services can migrate side by side.
 */

/** One folder of migrations applied to one schema. `name` is a folder under `prisma/`. */
export type MigrationTarget = {
  name: string;
  schema: string;
  /** Overrides `prisma/<name>/migrations`; used by tests. */
  migrationsDir?: string;
};

export type MigrateOptions = {
  url: string;
  /** Defaults to the seven services, each into its own schema. */
  targets?: readonly MigrationTarget[];
  /** Receives one line per applied migration. */
  log?: (line: string) => void;
  /** Passwords set on the services' roles (service-roles.ts); a role not named keeps its own. */
  rolePasswords?: Partial<Record<ServiceName, string>>;
};

export type AppliedMigration = { schema: string; migration: string };
export type MigrateResult = { applied: AppliedMigration[] };

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

/** Prisma's own DDL for the history table (schema engine, postgres connector). */
const createHistoryTable = (schema: string): string => `
CREATE TABLE IF NOT EXISTS ${schema}._prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

type LocalMigration = { name: string; script: string; checksum: string };

type HistoryRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export const defaultTargets: readonly MigrationTarget[] = services.map((s) => ({
  name: s.name,
  schema: s.schema,
}));

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const targets = options.targets ?? defaultTargets;
  const log = options.log ?? (() => {});
  // Every folder is read and checked before the first connection.
  const plans = await Promise.all(
    targets.map(async (target) => {
      assertSchemaName(target.schema);
      const local = await readMigrations(target.migrationsDir ?? folderOf(target));
      const owner = ownerOf(target);
      const password = owner && options.rolePasswords?.[owner.name];
      return { schema: target.schema, local, owner, password };
    }),
  );

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const applied: AppliedMigration[] = [];
  try {
    for (const { schema, local, owner, password } of plans) {
      await migrateSchema(client, schema, local, { owner, password }, (migration) => {
        applied.push({ schema, migration });
        log(`${schema}: applied ${migration}`);
      });
    }
  } finally {
    await client.end();
  }
  return { applied };
}

/**
 * The service whose own schema `target` is: its role is created and granted that schema. A
 * service's migrations applied to another schema (a test's scratch one) get no role.
 */
function ownerOf(target: MigrationTarget): Service | undefined {
  return services.find((s) => s.name === target.name && s.schema === target.schema);
}

function folderOf(target: MigrationTarget): string {
  const name = target.name;
  if (!isSchemaFolder(name)) {
    throw new MigrationError(
      `unknown migrations folder "${name}" for ${target.schema}; expected one of ${schemaFolders.join(", ")}`,
    );
  }
  return migrationsDir(name);
}

/** sha256 of the file's contents as lowercase hex, as Prisma records it. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/** Prisma accepts a script whose line endings git changed since it was applied; so do we. */
function matchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")].some(
    (variant) => migrationChecksum(variant) === checksum,
  );
}

/** Migration folders in the order Prisma applies them: sorted by folder name. */
export async function readMigrations(dir: string): Promise<LocalMigration[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(`no migrations folder at ${dir}`, { cause: error });
  }
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name, "migration.sql");
      let script: string;
      try {
        script = await readFile(file, "utf8");
      } catch (error) {
        throw new MigrationError(`migration folder ${name} has no migration.sql (${file})`, {
          cause: error,
        });
      }
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}

async function migrateSchema(
  client: pg.Client,
  schema: string,
  local: readonly LocalMigration[],
  role: { owner: Service | undefined; password: string | undefined },
  onApplied: (migration: string) => void,
): Promise<void> {
  const quoted = client.escapeIdentifier(schema);
  // Held for the whole check-then-apply, so a second runner waits and then finds nothing to do.
  // Taken before CREATE SCHEMA: concurrent "IF NOT EXISTS" creations can still collide.
  const lockKey = advisoryLockKey(schema);
  await client.query("SELECT pg_advisory_lock($1::bigint)", [lockKey]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(createHistoryTable(quoted));
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at
         FROM ${quoted}._prisma_migrations
        ORDER BY started_at`,
    );
    for (const migration of pendingMigrations(schema, local, rows)) {
      await applyMigration(client, schema, migration);
      onApplied(migration.name);
    }
    if (role.owner) await ensureServiceRole(client, role.owner, role.password);
  } finally {
    // If this fails the connection is gone, and with it the lock: keep the original error.
    await client.query("SELECT pg_advisory_unlock($1::bigint)", [lockKey]).catch(() => {});
  }
}

function pendingMigrations(
  schema: string,
  local: readonly LocalMigration[],
  history: readonly HistoryRow[],
): LocalMigration[] {
  const failed = history.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    // Only Prisma's own runner leaves these (it does not wrap migrations in a transaction).
    const names = failed.map((r) => r.migration_name).join(", ");
    throw new MigrationError(
      `${schema}: migration ${names} failed earlier and was never resolved; fix the schema by ` +
        `hand and mark it with \`prisma migrate resolve\` (or delete its _prisma_migrations row) ` +
        `before migrating again`,
    );
  }

  const applied = new Map<string, HistoryRow>();
  for (const row of history) {
    if (row.finished_at !== null && row.rolled_back_at === null)
      applied.set(row.migration_name, row);
  }

  const edited = local.filter((m) => {
    const row = applied.get(m.name);
    return row !== undefined && !matchesChecksum(m.script, row.checksum);
  });
  if (edited.length > 0) {
    const lines = edited.map(
      (m) => `  ${m.name}: recorded ${applied.get(m.name)?.checksum}, file is now ${m.checksum}`,
    );
    throw new MigrationError(
      `${schema}: ${edited.length === 1 ? "a migration was" : "migrations were"} edited after ` +
        `being applied:\n${lines.join("\n")}\n` +
        `Applied migrations are immutable: restore the file and put the change in a new migration.`,
    );
  }

  return local.filter((m) => !applied.has(m.name));
}

async function applyMigration(
  client: pg.Client,
  schema: string,
  migration: LocalMigration,
): Promise<void> {
  const quoted = client.escapeIdentifier(schema);
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    // The scripts never name a schema: the same folder applies to any target.
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    await client.query(
      `INSERT INTO ${quoted}._prisma_migrations (id, checksum, migration_name, started_at)
       VALUES ($1, $2, $3, clock_timestamp())`,
      [id, migration.checksum, migration.name],
    );
    // Sent with no parameters, so pg uses the simple protocol and runs every statement.
    await client.query(migration.script);
    await client.query(
      `UPDATE ${quoted}._prisma_migrations
          SET finished_at = clock_timestamp(), applied_steps_count = 1
        WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const detail = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`${schema}: migration ${migration.name} failed: ${detail}`, {
      cause: error,
    });
  }
}

/** A stable bigint per schema, for pg_advisory_lock. */
function advisoryLockKey(schema: string): string {
  return createHash("sha256")
    .update(`marquee:migrate:${schema}`)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/**
 * Creates the database named in `url` unless it exists, by way of the `postgres` maintenance
 * database on the same server. Returns whether it created it. Safe when several processes race.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (database.length === 0) throw new MigrationError(`no database name in ${redact(url)}`);

  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database; 23505 when the other CREATE DATABASE commits mid-way.
      const code = (error as { code?: unknown }).code;
      if (code === "42P04" || code === "23505") return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}
