import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../lib/paths.mjs";

// The architecture rules of eslint.config.mjs, each on a snippet that breaks it and one that keeps
// it. The snippets are not files of the project, so they are linted without type information.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: ["**/*.ts", "**/*.tsx"], ...tseslint.configs.disableTypeChecked }],
});

/** The messages of one rule for `code` as if it were the file at `file` (relative to the root). */
const lint = async (file, code, rule) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
};

// Loading the config and its plugins takes a while on a busy machine; once, before the checks.
beforeAll(async () => {
  await eslint.lintText("", { filePath: path.join(ROOT, "scripts/lint/warm-up.mjs") });
}, 120_000);

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const SYNTAX = "no-restricted-syntax";

describe("a service's domain", () => {
  const file = "apps/services/inventory/src/domain/seat-rules.ts";

  it.each([
    ['import { Pool } from "pg";', "imports no I/O"],
    ['import { Redis } from "ioredis";', "imports no I/O"],
    ['import { Kafka } from "kafkajs";', "imports no I/O"],
    ['import { TRPCError } from "@trpc/server";', "imports no I/O"],
    ['import { readFileSync } from "node:fs";', "imports no I/O"],
    ['import { createInventoryDb } from "@marquee/db/inventory";', "imports no I/O"],
    ['import { holdSeats } from "../adapters/db/seats";', "imports no adapters"],
    ['import { authedProcedure } from "@marquee/service/auth";', "only what imports nothing"],
  ])("refuses %s", async (line, message) => {
    const messages = await lint(file, `${line}\n`, IMPORTS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it("accepts pure imports: zod, node:crypto, @marquee/service/result, its own modules", async () => {
    const code = [
      'import { createHash } from "node:crypto";',
      'import { z } from "zod";',
      'import { ok } from "@marquee/service/result";',
      'import { holdLimit } from "./hold-rules";',
      "",
    ].join("\n");
    expect(await lint(file, code, IMPORTS)).toEqual([]);
  });

  it("lets the same I/O imports through outside the domain", async () => {
    const code = 'import { Pool } from "pg";\n';
    expect(await lint("apps/services/inventory/src/adapters/db/seats.ts", code, IMPORTS)).toEqual(
      [],
    );
  });
});

describe("a service's Prisma client", () => {
  it("refuses another service's client", async () => {
    const code = 'import { createInventoryDb } from "@marquee/db/inventory";\n';
    const messages = await lint("apps/services/catalog/src/adapters/db/seats.ts", code, IMPORTS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("catalog imports only its own Prisma client");
  });

  it("accepts its own client and the shared database helpers", async () => {
    const code = [
      'import { createCatalogDb } from "@marquee/db/catalog";',
      'import { sqlDbOf } from "@marquee/db/sql-db";',
      "",
    ].join("\n");
    expect(await lint("apps/services/catalog/src/adapters/db/events.ts", code, IMPORTS)).toEqual(
      [],
    );
  });
});

describe("the web and the services' packages", () => {
  const file = "apps/web/server/catalog-client.ts";

  it("refuses a runtime import of a service package", async () => {
    const code = 'import { loadConfig } from "@marquee/catalog/config";\n';
    const messages = await lint(file, code, IMPORTS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("for its types only");
  });

  it("accepts type-only imports, as a statement or inline", async () => {
    const code = [
      'import type { AppRouter } from "@marquee/catalog/router";',
      'import { type AppRouter as OrderingRouter } from "@marquee/ordering/router";',
      "",
    ].join("\n");
    expect(await lint(file, code, IMPORTS)).toEqual([]);
  });
});

describe("the web's sign-in", () => {
  it("refuses next-auth/react, pointing at the storefront's own auth client", async () => {
    const code = 'import { signIn } from "next-auth/react";\n';
    const messages = await lint("apps/web/components/sign-in-form.tsx", code, IMPORTS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("apps/web/lib/auth-client.ts");
  });
});

describe("process.env", () => {
  it.each([
    "export const url = process.env.DATABASE_URL;\n",
    'export const url = process["env"].DATABASE_URL;\n',
    "const { env } = process;\nexport const url = env.DATABASE_URL;\n",
  ])("is refused outside config: %s", async (code) => {
    const messages = await lint("apps/services/catalog/src/app/list-events.ts", code, SYNTAX);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("read only in config");
  });

  it.each([
    "apps/services/catalog/src/config.ts",
    "apps/web/lib/server-env.ts",
    "apps/services/catalog/test/harness.ts",
    "scripts/lib/stack.mjs",
  ])("is read in %s", async (file) => {
    const code = "export const url = process.env.DATABASE_URL;\n";
    expect(await lint(file, code, SYNTAX)).toEqual([]);
  });
});

describe("prepared statements", () => {
  const file = "apps/services/inventory/src/adapters/db/seat-map.ts";

  it("refuses a named one, which PgBouncer in transaction pooling cannot share", async () => {
    const code =
      'export const read = (pool) =>\n  pool.query({ name: "seat-map", text: "SELECT 1", values: [] });\n';
    const messages = await lint(file, code, SYNTAX);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("PgBouncer in transaction pooling");
  });

  it("accepts an unnamed one", async () => {
    const code = 'export const read = (pool) => pool.query({ text: "SELECT $1", values: [1] });\n';
    expect(await lint(file, code, SYNTAX)).toEqual([]);
  });
});
