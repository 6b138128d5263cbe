import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSchemaPool } from "@marquee/db/pool";
import { readShortCode } from "@marquee/tickets/short-code";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, describe, expect, it } from "vitest";

const MIGRATIONS = fileURLToPath(
  new URL("../../../../packages/db/prisma/fulfillment/migrations", import.meta.url),
);
const SHORT_CODES = "20261130140000_check_in_lists_and_short_codes";
const folders = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const sqlOf = (folder: string) => readFileSync(`${MIGRATIONS}/${folder}/migration.sql`, "utf8");

const schema = `fulfillment_backfill_${randomUUID().slice(0, 8)}`;
const pool = createSchemaPool({ url: testEnv.databaseUrl, schema, poolMax: 1 });
afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describe("the short-code migration", () => {
  it("gives every ticket issued before it a unique short code that checks, and keeps the rest", async () => {
    await pool.query(`CREATE SCHEMA "${schema}"`);
    const before = folders.filter((folder) => folder < SHORT_CODES);
    expect(before.length).toBeGreaterThan(0);
    for (const folder of before) await pool.query(sqlOf(folder));

    // 500 tickets of one event, one of them already checked in (codes as they were: signed text).
    await pool.query(
      `INSERT INTO ticket (id, order_id, customer_id, email, event_id, seat_id, section, row, number, code, checked_in_at, checked_in_by)
       SELECT gen_random_uuid(), gen_random_uuid(), 'customer-' || n, 'c' || n || '@example.com',
              '7b0e9b76-0d8f-4a3c-9a55-2f0cf1d0a001', gen_random_uuid(), 'A', '1', n, 'MQ1.code-' || n,
              CASE WHEN n = 1 THEN now() END, CASE WHEN n = 1 THEN 'admin-1' END
         FROM generate_series(1, 500) AS n`,
    );
    for (const folder of folders.filter((f) => f >= SHORT_CODES)) {
      await pool.query(sqlOf(folder));
    }

    const { rows } = await pool.query<{
      code: string;
      shortCode: string;
      checkedIn: boolean;
      voided: boolean;
    }>(
      `SELECT code, short_code AS "shortCode", checked_in_at IS NOT NULL AS "checkedIn",
              voided_at IS NOT NULL AS voided
         FROM ticket`,
    );
    expect(rows).toHaveLength(500);
    for (const row of rows) {
      expect(readShortCode(row.shortCode), row.shortCode).toEqual({
        kind: "short-code",
        code: row.shortCode,
      });
      expect(row.voided).toBe(false);
    }
    expect(new Set(rows.map((r) => r.shortCode)).size).toBe(500);
    expect(rows.filter((r) => r.checkedIn).map((r) => r.code)).toEqual(["MQ1.code-1"]);
    // The random part uses the whole alphabet (500 × 9 draws leave no letter out by chance).
    expect(new Set(rows.map((r) => r.shortCode.slice(0, 9)).join("")).size).toBe(32);

    // From now on the column is required and unique.
    await expect(
      pool.query(`UPDATE ticket SET short_code = NULL WHERE code = 'MQ1.code-2'`),
    ).rejects.toThrow(/null/i);
    await expect(
      pool.query(
        `UPDATE ticket SET short_code = (SELECT short_code FROM ticket WHERE code = 'MQ1.code-3')
          WHERE code = 'MQ1.code-4'`,
      ),
    ).rejects.toThrow(/ticket_short_code_key/);
  });
});
