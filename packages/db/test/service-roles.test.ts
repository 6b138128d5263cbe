import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/migrate";
import { createSchemaPool, searchPathOption } from "../src/pool";
import { dropSchemas, ensureTestDatabase, testDatabaseUrl, withClient } from "./support/database";

const url = testDatabaseUrl;
const as = (user: string): string => {
  const u = new URL(url);
  u.username = user;
  u.password = "";
  return u.toString();
};

/** A connection as `user` with no startup option: what PgBouncer in transaction mode passes on. */
const asRole = async <T>(user: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: as(user) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const scratch = `dbtest_roles_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  await ensureTestDatabase();
  await migrate({
    url,
    targets: [
      { name: "inventory", schema: "bc_inventory" },
      { name: "ordering", schema: "bc_ordering" },
      { name: "inventory", schema: scratch },
    ],
  });
});

afterAll(async () => {
  await dropSchemas(scratch);
});

describe("service roles", () => {
  it("lands a service's role in its own schema with no startup option", async () => {
    const found = await asRole("marquee_inventory", async (client) => {
      const { rows } = await client.query<{ schema: string; n: number }>(
        "SELECT current_schema() AS schema, count(*)::int AS n FROM outbox_message",
      );
      return rows[0];
    });
    expect(found).toMatchObject({ schema: "bc_inventory" });
  });

  it("refuses a service's role another service's tables", async () => {
    const read = asRole("marquee_inventory", (client) =>
      client.query("SELECT count(*) FROM bc_ordering.outbox_message"),
    );
    await expect(read).rejects.toMatchObject({
      code: "42501",
      message: "permission denied for schema bc_ordering",
    });
  });

  it("lets a role write its tables but not its migration history", async () => {
    await asRole("marquee_inventory", async (client) => {
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO outbox_message (id, topic, key, type, payload)
           VALUES (gen_random_uuid(), 't', 'k', 'test.happened', '{}')`,
        );
      } finally {
        await client.query("ROLLBACK");
      }
      await expect(
        client.query("DELETE FROM _prisma_migrations WHERE false"),
      ).rejects.toMatchObject({ code: "42501" });
    });
  });

  it("grants the tables a later migration creates", async () => {
    const table = `dbtest_later_${randomUUID().slice(0, 8)}`;
    await withClient((client) => client.query(`CREATE TABLE bc_inventory.${table} (id int)`));
    try {
      const rows = await asRole("marquee_inventory", async (client) => {
        await client.query(`INSERT INTO ${table} VALUES (1)`);
        return (await client.query<{ id: number }>(`SELECT id FROM ${table}`)).rows;
      });
      expect(rows).toEqual([{ id: 1 }]);
    } finally {
      await withClient((client) => client.query(`DROP TABLE bc_inventory.${table}`));
    }
  });

  it("makes no role for a service's migrations applied to a scratch schema", async () => {
    const read = asRole("marquee_inventory", (client) =>
      client.query(`SELECT count(*) FROM ${scratch}.outbox_message`),
    );
    await expect(read).rejects.toMatchObject({ code: "42501" });
  });

  it("sets a role's password when the set-up is given one, and keeps it otherwise", async () => {
    const password = `pw-${randomUUID()}`;
    const stored = () =>
      withClient(async (client) => {
        const { rows } = await client.query<{ secret: string | null }>(
          "SELECT rolpassword AS secret FROM pg_authid WHERE rolname = 'marquee_payment'",
        );
        return rows[0]?.secret ?? null;
      });
    const target = [{ name: "payment", schema: "bc_payment" }];
    await migrate({ url, targets: target, rolePasswords: { payment: password } });
    const set = await stored();
    expect(set).toMatch(/^SCRAM-SHA-256\$/);
    await migrate({ url, targets: target });
    expect(await stored()).toBe(set);
    await withClient((client) => client.query("ALTER ROLE marquee_payment PASSWORD NULL"));
  });

  it("sends the search_path startup option unless the user is the schema's own role", async () => {
    expect(searchPathOption(as("marquee_inventory"), "bc_inventory")).toBeUndefined();
    expect(searchPathOption(as("postgres"), "bc_inventory")).toBe("-c search_path=bc_inventory");
    expect(searchPathOption(as("marquee_inventory"), scratch)).toBe(`-c search_path=${scratch}`);
    const pool = createSchemaPool({ url: as("marquee_ordering"), schema: "bc_ordering" });
    try {
      const { rows } = await pool.query<{ schema: string }>("SELECT current_schema() AS schema");
      expect(rows).toEqual([{ schema: "bc_ordering" }]);
    } finally {
      await pool.end();
    }
  });
});
