import { createSchemaPool } from "@marquee/db/pool";
import { createSqlDb } from "@marquee/db/sql-db";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusing } from "../src/refusal";

// A temporary table lives on one connection and the pool has several: a real table, named for
// this run and dropped afterwards.
const table = `refusal_test_${process.pid}_${Date.now()}`;
const pool = createSchemaPool({ url: testEnv.databaseUrl, schema: "public", poolMax: 2 });
const db = createSqlDb(pool);
const countRows = async () =>
  (await db.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

beforeAll(async () => {
  await db.$executeRawUnsafe(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
});
afterAll(async () => {
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`);
  await pool.end();
});

describe("refusing", () => {
  it("answers the work's value when nothing refuses, and the transaction commits", async () => {
    const done = await refusing<number, { kind: "full" }>(() =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO ${table} (id) VALUES (1)`);
        return 1;
      }),
    );
    expect(done).toEqual({ ok: true, value: 1 });
    expect(await countRows()).toBe(1);
  });

  it("rolls the transaction back and answers the refusal as a value", async () => {
    const done = await refusing<number, { kind: "full"; limit: number }>((refuse) =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO ${table} (id) VALUES (2)`);
        return refuse({ kind: "full", limit: 1 });
      }),
    );
    expect(done).toEqual({ ok: false, error: { kind: "full", limit: 1 } });
    expect(await countRows()).toBe(1);
  });

  it("lets every other error through unchanged", async () => {
    const outage = new Error("connection lost");
    await expect(
      refusing(() =>
        db.$transaction(async () => {
          await Promise.resolve();
          throw outage;
        }),
      ),
    ).rejects.toBe(outage);
  });

  it("keeps nested refusals apart: an inner refusal is the inner call's value", async () => {
    const outer = await refusing<string, "outer">(async (refuseOuter) => {
      const inner = await refusing<string, "inner">((refuseInner) =>
        Promise.resolve(refuseInner("inner")),
      );
      if (!inner.ok) return `inner refused: ${inner.error}`;
      return refuseOuter("outer");
    });
    expect(outer).toEqual({ ok: true, value: "inner refused: inner" });

    const escaped = await refusing<string, "outer">(async (refuseOuter) => {
      await refusing<string, "inner">(() => Promise.resolve(refuseOuter("outer")));
      return "not reached";
    });
    expect(escaped).toEqual({ ok: false, error: "outer" });
  });
});
