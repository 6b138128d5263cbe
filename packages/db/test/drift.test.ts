import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/migrate";
import { migrationsDir, schemaFile, schemaFolders } from "../src/schema-folders";
import { actualShape } from "./support/actual-shape";
import { dropSchemas, ensureTestDatabase, testDatabaseUrl, withClient } from "./support/database";
import { expectedShape, readDmmf } from "./support/expected-shape";
import { diffShapes } from "./support/shape";

/**
 * Hand-written migrations must build exactly what schema.prisma describes. Each folder is
 * applied to an empty scratch schema and compared, model by model, with Prisma's DMMF.
 */

const url = testDatabaseUrl;
const scratch: string[] = [];

async function driftOf(schemaPath: string, migrations: string, schema: string): Promise<string[]> {
  scratch.push(schema);
  await dropSchemas(schema);
  await migrate({ url, targets: [{ name: "drift", schema, migrationsDir: migrations }] });
  const expected = expectedShape(await readDmmf(schemaPath));
  const actual = await withClient((client) => actualShape(client, schema));
  return diffShapes(expected, actual);
}

beforeAll(async () => {
  await ensureTestDatabase();
});

afterAll(async () => {
  await dropSchemas(...scratch);
});

describe("migrations match schema.prisma", () => {
  it.each(schemaFolders)(
    "%s: migrating an empty schema builds what schema.prisma says",
    async (name) => {
      const expected = expectedShape(await readDmmf(schemaFile(name)));
      expect(Object.keys(expected.tables)).toContain("outbox_message");

      expect(await driftOf(schemaFile(name), migrationsDir(name), `drift_${name}`)).toEqual([]);
    },
  );

  it("covers enums, relations, lists, native types, sorted and GIN indexes and every default", async () => {
    const probe = join(import.meta.dirname, "fixtures", "drift-probe");
    expect(
      await driftOf(join(probe, "schema.prisma"), join(probe, "migrations"), "drift_probe"),
    ).toEqual([]);
  });
});

describe("the drift check", () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "marquee-drift-"));
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  // Each case breaks the fixture's init migration in one way the check must notice.
  const mutations: Array<{ what: string; from: string; to: string; reports: string[] }> = [
    {
      what: "a dropped default",
      from: `"attempts" INTEGER NOT NULL DEFAULT 0,`,
      to: `"attempts" INTEGER NOT NULL,`,
      reports: ["outbox_message.attempts: default is none, schema.prisma says 0"],
    },
    {
      what: "a different default",
      from: `"applied_count" INTEGER NOT NULL DEFAULT 1,`,
      to: `"applied_count" INTEGER NOT NULL DEFAULT 2,`,
      reports: ["applied_note.applied_count: default is 2, schema.prisma says 1"],
    },
    {
      what: "a different column type",
      from: `"sent_at" TIMESTAMPTZ(3),`,
      to: `"sent_at" TIMESTAMP(3),`,
      reports: [
        "outbox_message.sent_at: type is timestamp(3) without time zone, schema.prisma says timestamp(3) with time zone",
      ],
    },
    {
      what: "a nullable required column",
      from: `"topic" TEXT NOT NULL,`,
      to: `"topic" TEXT,`,
      reports: ["outbox_message.topic: database has it nullable, schema.prisma required"],
    },
    {
      what: "a NOT NULL optional column",
      from: `"last_error" TEXT,`,
      to: `"last_error" TEXT NOT NULL,`,
      reports: ["outbox_message.last_error: database has it NOT NULL, schema.prisma optional"],
    },
    {
      what: "a missing index",
      from: `CREATE INDEX "outbox_message_sent_at_seq_idx" ON "outbox_message"("sent_at", "seq");`,
      to: ``,
      reports: [
        `outbox_message: index outbox_message_sent_at_seq_idx {"unique":false,"method":"btree","columns":["sent_at","seq"]} missing in the database`,
      ],
    },
    {
      what: "index columns in another order",
      from: `ON "outbox_message"("sent_at", "seq");`,
      to: `ON "outbox_message"("seq", "sent_at");`,
      reports: [
        `outbox_message: index outbox_message_sent_at_seq_idx is {"unique":false,"method":"btree","columns":["seq","sent_at"]}, schema.prisma says {"unique":false,"method":"btree","columns":["sent_at","seq"]}`,
      ],
    },
    {
      what: "a unique index that is not unique",
      from: `CREATE UNIQUE INDEX "outbox_message_seq_key"`,
      to: `CREATE INDEX "outbox_message_seq_key"`,
      reports: [
        `outbox_message: index outbox_message_seq_key is {"unique":false,"method":"btree","columns":["seq"]}, schema.prisma says {"unique":true,"method":"btree","columns":["seq"]}`,
      ],
    },
    {
      what: "a renamed primary key",
      from: `CONSTRAINT "note_pkey" PRIMARY KEY ("id")`,
      to: `CONSTRAINT "note_pk" PRIMARY KEY ("id")`,
      reports: [
        `note: primary key is {"name":"note_pk","columns":["id"]}, schema.prisma says {"name":"note_pkey","columns":["id"]}`,
      ],
    },
    {
      what: "primary key columns in another order",
      from: `PRIMARY KEY ("consumer","message_id")`,
      to: `PRIMARY KEY ("message_id","consumer")`,
      reports: [
        `processed_message: primary key is {"name":"processed_message_pkey","columns":["message_id","consumer"]}, schema.prisma says {"name":"processed_message_pkey","columns":["consumer","message_id"]}`,
      ],
    },
    {
      what: "a column the schema does not have",
      from: `"body" TEXT NOT NULL,\n    "created_at"`,
      to: `"body" TEXT NOT NULL,\n    "extra" TEXT,\n    "created_at"`,
      reports: ["note.extra: in the database but not in schema.prisma"],
    },
    {
      what: "a missing table",
      from: `CREATE TABLE "applied_note" (`,
      to: `CREATE TABLE "applied_notes" (`,
      reports: [
        "table applied_note: missing in the database",
        "table applied_notes: in the database but not in schema.prisma",
      ],
    },
  ];

  it.each(mutations)("reports $what", async ({ from, to, reports }) => {
    const dir = join(work, reports[0]?.replace(/[^a-z]+/gi, "_").slice(0, 40) ?? "case");
    await cp(migrationsDir("fixture"), dir, { recursive: true });
    const file = join(dir, "20261125000000_init", "migration.sql");
    const original = await readFile(file, "utf8");
    expect(original).toContain(from);
    await writeFile(file, original.replace(from, to));

    const schema = `drift_mutant_${mutations.findIndex((m) => m.from === from)}`;
    expect(await driftOf(schemaFile("fixture"), dir, schema)).toEqual(reports);
  });
});
