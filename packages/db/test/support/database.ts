import pg from "pg";
import { ensureDatabase } from "../../src/migrate";

/** Tests never touch the development database (`marquee`). */
export const testDatabaseUrl =
  process.env.DATABASE_URL && process.env.DATABASE_URL.length > 0
    ? process.env.DATABASE_URL
    : "postgresql://postgres@127.0.0.1:5432/marquee_test";

if (new URL(testDatabaseUrl).pathname === "/marquee") {
  throw new Error("tests refuse to run against the development database `marquee`");
}

let ensured: Promise<boolean> | undefined;

/** Creates the test database once per run. */
export function ensureTestDatabase(): Promise<boolean> {
  ensured ??= ensureDatabase(testDatabaseUrl);
  return ensured;
}

export async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropSchemas(...schemas: string[]): Promise<void> {
  await withClient(async (client) => {
    for (const schema of schemas) {
      await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`);
    }
  });
}
