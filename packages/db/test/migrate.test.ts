import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase, migrate, MigrationError } from "../src/migrate";
import { migrationsDir } from "../src/schema-folders";
import { services } from "../src/services";
import { dropSchemas, ensureTestDatabase, testDatabaseUrl, withClient } from "./support/database";

const url = testDatabaseUrl;
const init = "20261125000000_init";
const used: string[] = [];
let work: string;

/** A private copy of the fixture's migrations that a test may edit and extend. */
async function copyOfFixtureMigrations(label: string): Promise<string> {
  const dir = join(work, label);
  await cp(migrationsDir("fixture"), dir, { recursive: true });
  return dir;
}

async function freshSchema(schema: string): Promise<string> {
  used.push(schema);
  await dropSchemas(schema);
  return schema;
}

type HistoryRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

const history = (schema: string): Promise<HistoryRow[]> =>
  withClient(async (client) => {
    const { rows } = await client.query<HistoryRow>(
      `SELECT * FROM ${client.escapeIdentifier(schema)}._prisma_migrations ORDER BY started_at`,
    );
    return rows;
  });

const tablesIn = (schema: string): Promise<string[]> =>
  withClient(async (client) => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema],
    );
    return rows.map((r) => r.table_name);
  });

beforeAll(async () => {
  await ensureTestDatabase();
  work = await mkdtemp(join(tmpdir(), "marquee-migrate-"));
});

afterAll(async () => {
  await dropSchemas(...used);
  await rm(work, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies pending migrations once and nothing on the second run", async () => {
    const schema = await freshSchema("runner_twice");
    const lines: string[] = [];
    const target = { name: "fixture", schema };

    const first = await migrate({ url, targets: [target], log: (l) => lines.push(l) });
    expect(first.applied).toEqual([{ schema, migration: init }]);
    expect(lines).toEqual([`${schema}: applied ${init}`]);
    expect(await tablesIn(schema)).toEqual([
      "_prisma_migrations",
      "applied_note",
      "note",
      "outbox_message",
      "processed_message",
    ]);

    const second = await migrate({ url, targets: [target], log: (l) => lines.push(l) });
    expect(second.applied).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(await history(schema)).toHaveLength(1);
  });

  it("records each migration in _prisma_migrations the way Prisma does", async () => {
    const schema = await freshSchema("runner_history");
    await migrate({ url, targets: [{ name: "fixture", schema }] });

    const file = await readFile(join(migrationsDir("fixture"), init, "migration.sql"));
    const [row, ...rest] = await history(schema);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      checksum: createHash("sha256").update(file).digest("hex"),
      migration_name: init,
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row?.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(row?.finished_at?.getTime()).toBeGreaterThanOrEqual(
      row?.started_at.getTime() ?? Infinity,
    );

    // The table itself is Prisma's: same columns, types, nullability and key.
    const columns = await withClient(async (client) => {
      const { rows } = await client.query<{ column: string; type: string; nullable: boolean }>(
        `SELECT a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
                NOT a.attnotnull AS nullable
           FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
        [`${schema}._prisma_migrations`],
      );
      return rows.map((r) => `${r.column} ${r.type}${r.nullable ? "" : " not null"}`);
    });
    expect(columns).toEqual([
      "id character varying(36) not null",
      "checksum character varying(64) not null",
      "finished_at timestamp with time zone",
      "migration_name character varying(255) not null",
      "logs text",
      "rolled_back_at timestamp with time zone",
      "started_at timestamp with time zone not null",
      "applied_steps_count integer not null",
    ]);
  });

  it("refuses to run when an applied migration was edited, and applies nothing", async () => {
    const schema = await freshSchema("runner_edited");
    const dir = await copyOfFixtureMigrations("edited");
    const target = { name: "fixture", schema, migrationsDir: dir };
    await migrate({ url, targets: [target] });

    await appendFile(
      join(dir, init, "migration.sql"),
      "\nALTER TABLE note ADD COLUMN sneaky TEXT;\n",
    );
    await mkdir(join(dir, "20261201000000_next"));
    await writeFile(
      join(dir, "20261201000000_next", "migration.sql"),
      "CREATE TABLE later (id INT);\n",
    );

    const attempt = migrate({ url, targets: [target] });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `runner_edited: a migration was edited after being applied:\\n  ${init}: recorded [0-9a-f]{64}, file is now [0-9a-f]{64}`,
      ),
    );
    expect(await tablesIn(schema)).not.toContain("later");
    expect(await history(schema)).toHaveLength(1);
  });

  it("accepts an applied migration whose only change is its line endings, as Prisma does", async () => {
    const schema = await freshSchema("runner_crlf");
    const dir = await copyOfFixtureMigrations("crlf");
    const target = { name: "fixture", schema, migrationsDir: dir };
    await migrate({ url, targets: [target] });

    const file = join(dir, init, "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")).replaceAll("\n", "\r\n"));
    expect((await migrate({ url, targets: [target] })).applied).toEqual([]);
  });

  it("stops at a migration that Prisma's own CLI recorded as failed", async () => {
    const schema = await freshSchema("runner_prisma_failed");
    const dir = await copyOfFixtureMigrations("prisma-failed");
    const target = { name: "fixture", schema, migrationsDir: dir };
    await migrate({ url, targets: [target] });
    await withClient((client) =>
      client.query(
        `INSERT INTO ${schema}._prisma_migrations (id, checksum, migration_name, logs)
         VALUES (gen_random_uuid()::text, repeat('0', 64), '20261201000000_half_done', 'boom')`,
      ),
    );
    await mkdir(join(dir, "20261202000000_next"));
    await writeFile(
      join(dir, "20261202000000_next", "migration.sql"),
      "CREATE TABLE later (id INT);\n",
    );

    await expect(migrate({ url, targets: [target] })).rejects.toThrow(
      `${schema}: migration 20261201000000_half_done failed earlier and was never resolved`,
    );
    expect(await tablesIn(schema)).not.toContain("later");
  });

  it("applies a new migration folder after the ones already applied, in name order", async () => {
    const schema = await freshSchema("runner_order");
    const dir = await copyOfFixtureMigrations("order");
    const target = { name: "fixture", schema, migrationsDir: dir };
    await migrate({ url, targets: [target] });

    // Written in reverse order on purpose: the second depends on the first.
    await mkdir(join(dir, "20261202000000_index_tag"));
    await writeFile(
      join(dir, "20261202000000_index_tag", "migration.sql"),
      `CREATE INDEX "note_tag_idx" ON "note"("tag");\n`,
    );
    await mkdir(join(dir, "20261201000000_add_tag"));
    await writeFile(
      join(dir, "20261201000000_add_tag", "migration.sql"),
      `ALTER TABLE "note" ADD COLUMN "tag" TEXT;\n`,
    );

    const result = await migrate({ url, targets: [target] });
    expect(result.applied.map((a) => a.migration)).toEqual([
      "20261201000000_add_tag",
      "20261202000000_index_tag",
    ]);
    expect((await history(schema)).map((r) => r.migration_name)).toEqual([
      init,
      "20261201000000_add_tag",
      "20261202000000_index_tag",
    ]);
  });

  it("rolls a failing migration back entirely, records nothing, and applies it once fixed", async () => {
    const schema = await freshSchema("runner_failing");
    const dir = await copyOfFixtureMigrations("failing");
    const target = { name: "fixture", schema, migrationsDir: dir };
    await migrate({ url, targets: [target] });

    const broken = join(dir, "20261201000000_broken", "migration.sql");
    await mkdir(join(dir, "20261201000000_broken"));
    await writeFile(
      broken,
      `CREATE TABLE "half" ("id" INT);\nALTER TABLE "nope" ADD COLUMN "x" INT;\n`,
    );
    await expect(migrate({ url, targets: [target] })).rejects.toThrow(
      `${schema}: migration 20261201000000_broken failed: relation "nope" does not exist`,
    );
    expect(await tablesIn(schema)).not.toContain("half");
    expect(await history(schema)).toHaveLength(1);

    await writeFile(broken, `CREATE TABLE "half" ("id" INT);\n`);
    expect((await migrate({ url, targets: [target] })).applied).toHaveLength(1);
    expect(await tablesIn(schema)).toContain("half");
  });

  it("lets two runners race on one schema: each migration is applied exactly once", async () => {
    const schema = await freshSchema("runner_race");
    const targets = [{ name: "fixture", schema }];
    const results = await Promise.all([migrate({ url, targets }), migrate({ url, targets })]);

    expect(results.flatMap((r) => r.applied)).toEqual([{ schema, migration: init }]);
    expect(await history(schema)).toHaveLength(1);
  });

  it("migrates every service into its own schema by default and applies nothing the second time", async () => {
    await migrate({ url });
    const again = await migrate({ url });

    expect(again.applied).toEqual([]);
    for (const { schema } of services) {
      // Services add their own tables; these three every schema has.
      expect(await tablesIn(schema)).toEqual(
        expect.arrayContaining(["_prisma_migrations", "outbox_message", "processed_message"]),
      );
    }
  });

  it("rejects an unknown folder and an unsafe schema name before connecting", async () => {
    await expect(
      migrate({ url, targets: [{ name: "billing", schema: "bc_billing" }] }),
    ).rejects.toThrow(/unknown migrations folder "billing"/);
    await expect(
      migrate({ url, targets: [{ name: "fixture", schema: 'x"; DROP SCHEMA public; --' }] }),
    ).rejects.toThrow(/invalid schema name/);
    expect(await tablesIn("bc_billing")).toEqual([]);
  });
});

describe("ensureDatabase", () => {
  it("creates a missing database once, even when called concurrently", async () => {
    const name = `marquee_test_ensure_${process.pid}`;
    const target = new URL(url);
    target.pathname = `/${name}`;
    const drop = () =>
      withClient((client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`),
      );
    await drop();
    try {
      const created = await Promise.all([1, 2, 3].map(() => ensureDatabase(target.toString())));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await ensureDatabase(target.toString())).toBe(false);
    } finally {
      await drop();
    }
  });
});
