import { readFile } from "node:fs/promises";
import wasm from "@prisma/prisma-schema-wasm";
import { type ForeignKeyShape, type IndexShape, type SchemaShape, type TableShape } from "./shape";

/**
 * What `prisma migrate` would create for a schema.prisma, derived from Prisma's own DMMF
 * (computed offline by its WebAssembly schema package, the same engine build as the CLI).
 */

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  isUpdatedAt: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};

type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };

type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string;
  algorithm?: string;
  fields: Array<{ name: string; sortOrder?: "asc" | "desc" }>;
};

type DmmfEnum = {
  name: string;
  dbName: string | null;
  values: Array<{ name: string; dbName: string | null }>;
};

type Dmmf = {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
};

export async function readDmmf(schemaPath: string): Promise<Dmmf> {
  const prismaSchema = await readFile(schemaPath, "utf8");
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
}

/** Postgres' name length limit, which Prisma's generated constraint names respect. */
const maxIdentifierLength = 63;

const scalarTypes: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** `@db.X(args)` as pg's format_type() spells it. */
function nativeType([name, args]: [string, string[]]): string {
  const withArgs = (base: string, suffix = ""): string =>
    args.length > 0 ? `${base}(${args.join(",")})${suffix}` : `${base}${suffix}`;
  switch (name) {
    case "Text":
    case "Uuid":
    case "Xml":
    case "Inet":
    case "Citext":
    case "Date":
    case "Money":
    case "Oid":
    case "Real":
      return name.toLowerCase();
    case "Integer":
      return "integer";
    case "SmallInt":
      return "smallint";
    case "BigInt":
      return "bigint";
    case "DoublePrecision":
      return "double precision";
    case "Boolean":
      return "boolean";
    case "Json":
      return "json";
    case "JsonB":
      return "jsonb";
    case "ByteA":
      return "bytea";
    case "VarChar":
      return withArgs("character varying");
    case "Char":
      return args.length > 0 ? withArgs("character") : "character(1)";
    case "Bit":
      return args.length > 0 ? withArgs("bit") : "bit(1)";
    case "VarBit":
      return withArgs("bit varying");
    case "Decimal":
      return withArgs("numeric");
    case "Timestamp":
      return withArgs("timestamp", " without time zone");
    case "Timestamptz":
      return withArgs("timestamp", " with time zone");
    case "Time":
      return withArgs("time", " without time zone");
    case "Timetz":
      return withArgs("time", " with time zone");
    default:
      throw new Error(`drift check: no mapping for native type @db.${name}; add it here`);
  }
}

/** Identifiers as format_type() prints them: quoted unless plain lowercase. */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** Prisma's default constraint and index names, shortened to fit like Prisma's. */
function conventionalName(table: string, columns: readonly string[], suffix: string): string {
  const base = `${table}_${columns.join("_")}`;
  return `${base.slice(0, maxIdentifierLength - suffix.length)}${suffix}`;
}

/** Quote like SQL text literals, so both sides compare as `'value'`. */
const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** Normalised default, or null when the database holds none (client-side or no default). */
function expectedDefault(field: DmmfField, enums: readonly DmmfEnum[]): string | null {
  if (!field.hasDefaultValue) return null;
  const value = field.default;
  if (field.isList) return "<any>";
  if (typeof value === "number") return normaliseLiteral(String(value));
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") {
    if (field.kind === "enum") {
      const member = enums.find((e) => e.name === field.type)?.values.find((v) => v.name === value);
      return normaliseLiteral(sqlString(member?.dbName ?? value));
    }
    return normaliseLiteral(sqlString(value));
  }
  if (value && typeof value === "object" && "name" in value) {
    switch ((value as { name: string }).name) {
      case "autoincrement":
        return "autoincrement";
      case "now":
        return "now";
      case "dbgenerated":
        return "<any>";
      // uuid(), cuid(), nanoid(), ulid() are filled in by the client, not the database.
      default:
        return null;
    }
  }
  return "<any>";
}

/** Shared by both sides: numeric literals compare by value, whether pg quoted them or not. */
export function normaliseLiteral(text: string): string {
  const unquoted = /^'(-?\d+(\.\d+)?([eE][+-]?\d+)?)'$/.exec(text)?.[1] ?? text;
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(unquoted) ? String(Number(unquoted)) : unquoted;
}

const referentialActions: Record<string, ForeignKeyShape["onDelete"]> = {
  Cascade: "cascade",
  Restrict: "restrict",
  NoAction: "no action",
  SetNull: "set null",
  SetDefault: "set default",
};

export function expectedShape(dmmf: Dmmf): SchemaShape {
  const { models, enums, indexes } = dmmf.datamodel;
  const tableOf = (modelName: string): string => {
    const model = models.find((m) => m.name === modelName);
    if (!model) throw new Error(`drift check: unknown model ${modelName}`);
    return model.dbName ?? model.name;
  };
  const columnOf = (modelName: string, fieldName: string): string => {
    const field = models
      .find((m) => m.name === modelName)
      ?.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`drift check: unknown field ${modelName}.${fieldName}`);
    return field.dbName ?? field.name;
  };

  const tables: Record<string, TableShape> = {};
  for (const model of models) {
    const table = model.dbName ?? model.name;
    const shape: TableShape = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };

    for (const field of model.fields) {
      if (field.kind === "object") {
        const from = field.relationFromFields ?? [];
        if (from.length === 0) continue;
        const columns = from.map((f) => columnOf(model.name, f));
        const allRequired = from.every(
          (f) => model.fields.find((x) => x.name === f)?.isRequired === true,
        );
        const onDelete = field.relationOnDelete ?? (allRequired ? "Restrict" : "SetNull");
        const onUpdate = field.relationOnUpdate ?? "Cascade";
        shape.foreignKeys[columns.join(", ")] = {
          columns,
          references: `${tableOf(field.type)}(${(field.relationToFields ?? [])
            .map((f) => columnOf(field.type, f))
            .join(", ")})`,
          onDelete: referentialActions[onDelete] ?? onDelete,
          onUpdate: referentialActions[onUpdate] ?? onUpdate,
        };
        continue;
      }
      if (field.kind === "unsupported") continue;

      let type: string;
      if (field.kind === "enum") {
        const enumDef = enums.find((e) => e.name === field.type);
        type = sqlIdentifier(enumDef?.dbName ?? field.type);
      } else if (field.nativeType) {
        type = nativeType(field.nativeType);
      } else {
        const scalar = scalarTypes[field.type];
        if (!scalar) throw new Error(`drift check: no mapping for scalar type ${field.type}`);
        type = scalar;
      }
      shape.columns[field.dbName ?? field.name] = {
        type: field.isList ? `${type}[]` : type,
        // Prisma creates scalar lists without NOT NULL.
        nullable: field.isList || !field.isRequired,
        default: expectedDefault(field, enums),
      };
    }

    for (const index of indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnOf(model.name, f.name));
      if (index.type === "id") {
        shape.primaryKey = { name: index.dbName ?? `${table}_pkey`, columns };
        continue;
      }
      const unique = index.type === "unique";
      const name = index.dbName ?? conventionalName(table, columns, unique ? "_key" : "_idx");
      const described: IndexShape = {
        unique,
        method: (index.algorithm ?? "BTree").toLowerCase(),
        columns: index.fields.map(
          (f, i) => `${columns[i] ?? f.name}${f.sortOrder === "desc" ? " DESC" : ""}`,
        ),
      };
      shape.indexes[name] = described;
    }
    tables[table] = shape;
  }

  const enumShapes: Record<string, string[]> = {};
  for (const e of enums) {
    enumShapes[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  }
  return { tables, enums: enumShapes };
}
