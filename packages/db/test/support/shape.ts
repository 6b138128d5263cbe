/**
 * A schema's structure as the drift check compares it. Both sides (Prisma's reading of
 * schema.prisma and Postgres' catalog after the migrations ran) are reduced to this.
 */
export type ColumnShape = {
  /** As pg's format_type() prints it, e.g. `timestamp(3) with time zone`. */
  type: string;
  nullable: boolean;
  /** Normalised default; `<any>` where only its presence is compared; null when none. */
  default: string | null;
};

export type IndexShape = { unique: boolean; method: string; columns: string[] };

export type ForeignKeyShape = {
  columns: string[];
  references: string;
  onDelete: string;
  onUpdate: string;
};

export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  /** Unique and plain indexes by name; the primary key's index is not listed. */
  indexes: Record<string, IndexShape>;
  /** By their columns: Prisma's DMMF does not carry a foreign key's name. */
  foreignKeys: Record<string, ForeignKeyShape>;
};

export type SchemaShape = {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
};

/** Every difference, one readable line each; empty when the two agree. */
export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  const json = (v: unknown): string => JSON.stringify(v);

  for (const [name, values] of Object.entries(expected.enums)) {
    const found = actual.enums[name];
    if (!found) out.push(`enum ${name}: missing in the database`);
    else if (json(found) !== json(values)) {
      out.push(`enum ${name}: schema has ${json(values)}, database has ${json(found)}`);
    }
  }
  for (const name of Object.keys(actual.enums)) {
    if (!(name in expected.enums))
      out.push(`enum ${name}: in the database but not in schema.prisma`);
  }

  for (const [table, want] of Object.entries(expected.tables)) {
    const have = actual.tables[table];
    if (!have) {
      out.push(`table ${table}: missing in the database`);
      continue;
    }
    for (const [column, col] of Object.entries(want.columns)) {
      const got = have.columns[column];
      if (!got) {
        out.push(`${table}.${column}: missing in the database`);
        continue;
      }
      if (got.type !== col.type) {
        out.push(`${table}.${column}: type is ${got.type}, schema.prisma says ${col.type}`);
      }
      if (got.nullable !== col.nullable) {
        out.push(
          `${table}.${column}: database has it ${got.nullable ? "nullable" : "NOT NULL"}, ` +
            `schema.prisma ${col.nullable ? "optional" : "required"}`,
        );
      }
      const sameDefault =
        col.default === got.default || (col.default === "<any>" && got.default !== null);
      if (!sameDefault) {
        out.push(
          `${table}.${column}: default is ${got.default ?? "none"}, ` +
            `schema.prisma says ${col.default ?? "none"}`,
        );
      }
    }
    for (const column of Object.keys(have.columns)) {
      if (!(column in want.columns)) {
        out.push(`${table}.${column}: in the database but not in schema.prisma`);
      }
    }

    if (json(want.primaryKey) !== json(have.primaryKey)) {
      out.push(
        `${table}: primary key is ${json(have.primaryKey)}, schema.prisma says ${json(want.primaryKey)}`,
      );
    }

    for (const [name, index] of Object.entries(want.indexes)) {
      const got = have.indexes[name];
      if (!got) out.push(`${table}: index ${name} ${json(index)} missing in the database`);
      else if (json(got) !== json(index)) {
        out.push(`${table}: index ${name} is ${json(got)}, schema.prisma says ${json(index)}`);
      }
    }
    for (const [name, index] of Object.entries(have.indexes)) {
      if (!(name in want.indexes)) {
        out.push(`${table}: index ${name} ${json(index)} in the database but not in schema.prisma`);
      }
    }

    for (const [key, fk] of Object.entries(want.foreignKeys)) {
      const got = have.foreignKeys[key];
      if (!got)
        out.push(`${table}: foreign key (${key}) -> ${fk.references} missing in the database`);
      else if (json(got) !== json(fk)) {
        out.push(`${table}: foreign key (${key}) is ${json(got)}, schema.prisma says ${json(fk)}`);
      }
    }
    for (const [key, fk] of Object.entries(have.foreignKeys)) {
      if (!(key in want.foreignKeys)) {
        out.push(
          `${table}: foreign key (${key}) -> ${fk.references} in the database but not in schema.prisma`,
        );
      }
    }
  }
  for (const table of Object.keys(actual.tables)) {
    if (!(table in expected.tables))
      out.push(`table ${table}: in the database but not in schema.prisma`);
  }
  return out;
}
