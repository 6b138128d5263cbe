import type pg from "pg";
import { normaliseLiteral } from "./expected-shape";
import { type ForeignKeyShape, type SchemaShape, type TableShape } from "./shape";

/**
 * What a migrated schema really holds, read from pg_catalog. Objects that Prisma cannot
 * express (CHECK and EXCLUDE constraints, triggers, functions) are left out, and so is the
 * migration history table.
 */

const actions: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

function normaliseDefault(expr: string | null): string | null {
  if (expr === null) return null;
  if (/^nextval\(/i.test(expr)) return "autoincrement";
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(expr)) return "now";
  // Drop trailing casts pg adds to literals: 'x'::text, '{}'::jsonb, 'HELD'::seat_state.
  let value = expr;
  for (let prev = ""; prev !== value;) {
    prev = value;
    value = value.replace(/::(?:"[^"]+"|[a-z_][a-z0-9_ ]*)(?:\(\d+(?:,\d+)?\))?(?:\[\])?$/i, "");
  }
  return normaliseLiteral(value);
}

export async function actualShape(client: pg.Client, schema: string): Promise<SchemaShape> {
  // format_type() leaves names in the search path unqualified, as the expected side spells them.
  await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);

  const tables: Record<string, TableShape> = {};
  const tableRows = await client.query<{ table: string }>(
    `SELECT c.relname AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  for (const { table } of tableRows.rows) {
    tables[table] = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
  }
  const tableShape = (table: string): TableShape => {
    const shape = tables[table];
    if (!shape) throw new Error(`drift check: unexpected table ${table}`);
    return shape;
  };

  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    default: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  for (const row of columns.rows) {
    tableShape(row.table).columns[row.column] = {
      type: row.type,
      nullable: !row.not_null,
      default: normaliseDefault(row.default),
    };
  }

  const primaryKeys = await client.query<{ table: string; name: string; columns: string[] }>(
    `SELECT c.relname AS table, con.conname AS name,
            array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.ord)::text[] AS columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype = 'p' AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  for (const row of primaryKeys.rows) {
    tableShape(row.table).primaryKey = { name: row.name, columns: row.columns };
  }

  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    method: string;
    columns: string[];
  }>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, am.amname AS method,
            array(SELECT coalesce(a.attname::text, pg_get_indexdef(ix.indexrelid, k.n::int, true))
                         || CASE WHEN ix.indoption[k.n - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM generate_series(1, ix.indnkeyatts) AS k(n)
                    LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k.n - 1]
                   ORDER BY k.n)::text[] AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = $1 AND NOT ix.indisprimary AND t.relname <> '_prisma_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = ix.indexrelid AND x.contype = 'x')`,
    [schema],
  );
  for (const row of indexes.rows) {
    tableShape(row.table).indexes[row.name] = {
      unique: row.unique,
      method: row.method,
      columns: row.columns,
    };
  }

  const foreignKeys = await client.query<{
    table: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT c.relname AS table, r.relname AS ref_table,
            array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.ord)::text[] AS columns,
            array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                   ORDER BY k.ord)::text[] AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype = 'f'`,
    [schema],
  );
  for (const row of foreignKeys.rows) {
    const fk: ForeignKeyShape = {
      columns: row.columns,
      references: `${row.ref_table}(${row.ref_columns.join(", ")})`,
      onDelete: actions[row.on_delete] ?? row.on_delete,
      onUpdate: actions[row.on_update] ?? row.on_update,
    };
    tableShape(row.table).foreignKeys[row.columns.join(", ")] = fk;
  }

  const enumRows = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1
      GROUP BY t.typname`,
    [schema],
  );
  const enums: Record<string, string[]> = {};
  for (const row of enumRows.rows) enums[row.name] = row.values;

  return { tables, enums };
}
