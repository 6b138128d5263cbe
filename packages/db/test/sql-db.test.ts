import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDb, type FixtureDb } from "../src/clients/fixture";
import { migrate } from "../src/migrate";
import { ownConnectionOf, sqlDbOf, TransactionTimeoutError, type SqlDb } from "../src/sql-db";
import { dropSchemas, ensureTestDatabase, testDatabaseUrl } from "./support/database";

const schema = "dbtest_sqldb";
let client: FixtureDb;
let sql: SqlDb;

beforeAll(async () => {
  await ensureTestDatabase();
  await dropSchemas(schema);
  await migrate({ url: testDatabaseUrl, targets: [{ name: "fixture", schema }] });
  client = createFixtureDb({ url: testDatabaseUrl, schema, poolMax: 2 });
  sql = sqlDbOf(client);
  await sql.$executeRawUnsafe("CREATE TABLE scratch_note (id int PRIMARY KEY, body text NOT NULL)");
}, 60_000);

afterAll(async () => {
  await client?.$disconnect();
  await dropSchemas(schema);
});

const bodies = async () =>
  (
    await sql.$queryRawUnsafe<Array<{ body: string }>>("SELECT body FROM scratch_note ORDER BY id")
  ).map((row) => row.body);

describe("sqlDbOf", () => {
  it("runs raw SQL in the client's schema, on the client's pool", async () => {
    await sql.$executeRawUnsafe("INSERT INTO scratch_note VALUES ($1, $2)", 1, "from pg");
    const [row] = await client.$queryRawUnsafe<Array<{ body: string }>>(
      "SELECT body FROM scratch_note WHERE id = 1",
    );
    expect(row?.body).toBe("from pg");
    const [setting] = await sql.$queryRawUnsafe<Array<{ path: string }>>(
      "SELECT current_setting('search_path') AS path",
    );
    expect(setting?.path).toBe(schema);
  });

  it("commits a transaction whole, answers updated row counts, and rolls back whole on a throw", async () => {
    await sql.$executeRawUnsafe("DELETE FROM scratch_note");
    const changed = await sql.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO scratch_note VALUES (1, 'a'), (2, 'b')");
      return tx.$executeRawUnsafe("UPDATE scratch_note SET body = body || '!'");
    });
    expect(changed).toBe(2);
    await expect(
      sql.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO scratch_note VALUES (3, 'c')");
        throw new Error("handler failed");
      }),
    ).rejects.toThrow("handler failed");
    expect(await bodies()).toEqual(["a!", "b!"]);
  });

  it("reads one snapshot in a RepeatableRead transaction, and the latest commit in a plain one", async () => {
    await sql.$executeRawUnsafe("DELETE FROM scratch_note");
    await sql.$executeRawUnsafe("INSERT INTO scratch_note VALUES (1, 'before')");
    // Between the first and the second read, another connection commits a change.
    const readTwice = (options?: { isolationLevel: "RepeatableRead" }) =>
      sql.$transaction(async (tx) => {
        const first = await tx.$queryRawUnsafe<Array<{ body: string }>>(
          "SELECT body FROM scratch_note WHERE id = 1",
        );
        await client.$executeRawUnsafe("UPDATE scratch_note SET body = body || '+' WHERE id = 1");
        const second = await tx.$queryRawUnsafe<Array<{ body: string }>>(
          "SELECT body FROM scratch_note WHERE id = 1",
        );
        return [first[0]?.body, second[0]?.body];
      }, options);
    expect(await readTwice({ isolationLevel: "RepeatableRead" })).toEqual(["before", "before"]);
    expect(await readTwice()).toEqual(["before+", "before++"]);
  });

  it("rolls back a transaction that runs past its timeout, and waits at most maxWait for a connection", async () => {
    await expect(
      sql.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("INSERT INTO scratch_note VALUES (10, 'late')");
          await new Promise((resolve) => setTimeout(resolve, 120));
          await tx.$executeRawUnsafe("INSERT INTO scratch_note VALUES (11, 'later')");
        },
        { timeout: 50 },
      ),
    ).rejects.toBeInstanceOf(TransactionTimeoutError);
    expect(await bodies()).not.toContain("late");

    // Both connections busy: the third waits, then gives up.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy = [1, 2].map(() => sql.$transaction(() => held));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(sql.$transaction(() => Promise.resolve(), { maxWait: 100 })).rejects.toThrow(
      /no database connection free/,
    );
    release();
    await Promise.all(busy);
    expect(await sql.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"))).toEqual([
      { "?column?": 1 },
    ]);
  });

  it("refuses a client it did not make", () => {
    expect(() => sqlDbOf({})).toThrow(/create<Service>Db/);
  });

  it("gives a worker a connection of its own, free while every connection of the pool is busy", async () => {
    const own = ownConnectionOf(client);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // poolMax 2: both of the client's connections are taken and stay taken.
    const busy = [1, 2].map(() => sql.$transaction(() => held));
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(sql.$transaction(() => Promise.resolve(), { maxWait: 100 })).rejects.toThrow(
        /no database connection free/,
      );
      const [row] = await own.db.$transaction(async (tx) =>
        tx.$queryRawUnsafe<Array<{ path: string }>>(
          "SELECT current_setting('search_path') AS path",
        ),
      );
      expect(row?.path).toBe(schema);
      // One connection only: a second transaction on it waits for the first.
      let releaseOwn = () => {};
      const ownHeld = new Promise<void>((resolve) => (releaseOwn = resolve));
      const first = own.db.$transaction(() => ownHeld);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(own.db.$transaction(() => Promise.resolve(), { maxWait: 100 })).rejects.toThrow(
        /no database connection free/,
      );
      releaseOwn();
      await first;
    } finally {
      release();
      await Promise.all(busy);
      await own.end();
    }
  });
});
