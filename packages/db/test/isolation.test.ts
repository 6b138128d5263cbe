import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalogDb, type CatalogDb } from "../src/clients/catalog";
import { createFixtureDb, type FixtureDb } from "../src/clients/fixture";
import { createInventoryDb, Prisma, type InventoryDb } from "../src/clients/inventory";
import { migrate } from "../src/migrate";
import { dropSchemas, ensureTestDatabase, testDatabaseUrl } from "./support/database";

const url = testDatabaseUrl;

const envelope = (topic: string) => ({
  id: randomUUID(),
  topic,
  key: randomUUID(),
  type: "test.happened",
  payload: { hello: "world" },
});

type Counted = Array<{ n: number }>;
const countOutbox = async (db: InventoryDb | CatalogDb | FixtureDb): Promise<number> => {
  const rows = await db.$queryRawUnsafe<Counted>("SELECT count(*)::int AS n FROM outbox_message");
  return rows[0]?.n ?? -1;
};

describe("service clients", () => {
  // Writes go to scratch copies of the two schemas, so tests of other packages that share this
  // database keep their rows; the default-schema check below writes only in a rolled-back
  // transaction.
  let inventory: InventoryDb;
  let catalog: CatalogDb;

  beforeAll(async () => {
    await ensureTestDatabase();
    await dropSchemas("dbtest_inventory", "dbtest_catalog", "dbtest_fixture");
    await migrate({
      url,
      targets: [
        { name: "inventory", schema: "dbtest_inventory" },
        { name: "catalog", schema: "dbtest_catalog" },
        // Supplies a table that exists in no service schema.
        { name: "fixture", schema: "dbtest_fixture" },
      ],
    });
    inventory = createInventoryDb({ url, schema: "dbtest_inventory", poolMax: 2 });
    catalog = createCatalogDb({ url, schema: "dbtest_catalog", poolMax: 2 });
  });

  afterAll(async () => {
    await inventory.$disconnect();
    await catalog.$disconnect();
    await dropSchemas("dbtest_inventory", "dbtest_catalog", "dbtest_fixture");
  });

  it("default to the service's own schema", async () => {
    await migrate({ url });
    const db = createInventoryDb({ url, poolMax: 1 });
    try {
      const [row] = await db.$queryRawUnsafe<Array<{ path: string; schema: string }>>(
        `SELECT current_setting('search_path') AS path,
                (SELECT schemaname FROM pg_tables WHERE tablename = 'outbox_message'
                  AND schemaname = current_schema()) AS schema`,
      );
      expect(row).toEqual({ path: "bc_inventory", schema: "bc_inventory" });

      // A model write lands in bc_inventory's table, found there by its qualified name; the
      // transaction is rolled back, so the schema other packages' tests share keeps its rows.
      const message = envelope("inventory.reservations");
      let found: Array<{ id: string }> = [];
      await expect(
        db.$transaction(async (tx) => {
          await tx.outboxMessage.create({ data: message });
          found = await tx.$queryRawUnsafe<Array<{ id: string }>>(
            "SELECT id::text AS id FROM bc_inventory.outbox_message WHERE id = $1::uuid",
            message.id,
          );
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      expect(found).toEqual([{ id: message.id }]);
      expect(await db.outboxMessage.count({ where: { id: message.id } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it("send model and raw queries to the schema they were given", async () => {
    const [path] = await inventory.$queryRawUnsafe<Array<{ path: string }>>(
      "SELECT current_setting('search_path') AS path",
    );
    expect(path?.path).toBe("dbtest_inventory");

    await inventory.outboxMessage.create({ data: envelope("inventory.reservations") });
    expect(await inventory.outboxMessage.count()).toBe(1);
    expect(await countOutbox(inventory)).toBe(1);

    // Tagged-template raw queries and raw queries inside a transaction as well.
    const tagged = await inventory.$queryRaw<Counted>(
      Prisma.sql`SELECT count(*)::int AS n FROM outbox_message WHERE attempts = ${0}`,
    );
    expect(tagged[0]?.n).toBe(1);
    const inTx = await inventory.$transaction((tx) =>
      tx.$queryRawUnsafe<Counted>("SELECT count(*)::int AS n FROM outbox_message"),
    );
    expect(inTx[0]?.n).toBe(1);
  });

  it("do not see another service's rows, through models or raw SQL", async () => {
    await catalog.outboxMessage.create({ data: envelope("catalog.events") });
    await catalog.outboxMessage.create({ data: envelope("catalog.events") });

    expect(await catalog.outboxMessage.count()).toBe(2);
    expect(await countOutbox(catalog)).toBe(2);
    expect(await inventory.outboxMessage.count()).toBe(1);
    expect(await countOutbox(inventory)).toBe(1);
    expect(await inventory.outboxMessage.count({ where: { topic: "catalog.events" } })).toBe(0);
  });

  it("fail on a table that only another schema has", async () => {
    await expect(inventory.$queryRawUnsafe("SELECT count(*)::int AS n FROM note")).rejects.toThrow(
      /relation "note" does not exist/,
    );
    await expect(catalog.$executeRawUnsafe("DELETE FROM applied_note")).rejects.toThrow(
      /relation "applied_note" does not exist/,
    );
  });

  it("reject a schema name that would need quoting", () => {
    expect(() => createInventoryDb({ url, schema: "bc_inventory; DROP TABLE x" })).toThrow(
      /invalid schema name/,
    );
  });
});

describe("two fixture schemas", () => {
  let a: FixtureDb;
  let b: FixtureDb;

  beforeAll(async () => {
    await ensureTestDatabase();
    await dropSchemas("dbtest_fixture_a", "dbtest_fixture_b");
    await migrate({
      url,
      targets: [
        { name: "fixture", schema: "dbtest_fixture_a" },
        { name: "fixture", schema: "dbtest_fixture_b" },
      ],
    });
    a = createFixtureDb({ url, schema: "dbtest_fixture_a", poolMax: 2 });
    b = createFixtureDb({ url, schema: "dbtest_fixture_b", poolMax: 2 });
  });

  afterAll(async () => {
    await a.$disconnect();
    await b.$disconnect();
    await dropSchemas("dbtest_fixture_a", "dbtest_fixture_b");
  });

  it("are independent: same ids, separate rows, separate sequences", async () => {
    const id = randomUUID();
    await a.note.create({ data: { id, body: "in a" } });
    await b.note.create({ data: { id, body: "in b" } });
    await a.note.create({ data: { id: randomUUID(), body: "also in a" } });

    expect(await a.note.count()).toBe(2);
    expect(await b.note.count()).toBe(1);
    expect((await b.note.findUniqueOrThrow({ where: { id } })).body).toBe("in b");

    const first = await a.outboxMessage.create({ data: envelope("fixture") });
    const second = await a.outboxMessage.create({ data: envelope("fixture") });
    const other = await b.outboxMessage.create({ data: envelope("fixture") });
    expect(second.seq).toBe(first.seq + 1n);
    expect(other.seq).toBe(1n);
    expect(await countOutbox(a)).toBe(2);
    expect(await countOutbox(b)).toBe(1);
  });

  it("apply a note once: the primary key holds applied_count at 1 under redelivery", async () => {
    const note = { id: randomUUID(), body: "hello" };
    const apply = () =>
      a.$transaction(async (tx) => {
        const inserted = await tx.processedMessage.createMany({
          data: [{ consumer: "fixture-consumer", messageId: note.id }],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await tx.$executeRaw`
          INSERT INTO applied_note (id, body) VALUES (${note.id}::uuid, ${note.body})
          ON CONFLICT (id) DO UPDATE SET applied_count = applied_note.applied_count + 1`;
      });
    await apply();
    await apply();

    expect(await a.appliedNote.findUniqueOrThrow({ where: { id: note.id } })).toEqual({
      ...note,
      appliedCount: 1,
    });
    expect(await b.appliedNote.count()).toBe(0);
  });
});
