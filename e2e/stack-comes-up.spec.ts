import { expect, test } from "@playwright/test";
import pg from "pg";
import { environments } from "../scripts/lib/environments.mjs";
import { services } from "./support/services";

test("every service reports ready with its database, Redis and Kafka reachable", async ({
  request,
}) => {
  for (const [name, port] of services) {
    const res = await request.get(`http://127.0.0.1:${port}/readyz`);
    expect(res.status(), `${name} /readyz`).toBe(200);
    const body = (await res.json()) as { checks?: Record<string, unknown> };
    expect(Object.keys(body.checks ?? {}).sort(), `${name} checks`).toEqual(
      expect.arrayContaining(["kafka", "postgres", "redis"]),
    );
  }
});

test("every service reaches the database through PgBouncer as its own role", async () => {
  // Each service answered /readyz above or in the stack's start-up, which runs a query: its pool
  // shows in PgBouncer's admin console under its role, pooled per transaction.
  const stack = environments.test;
  const admin = new URL(stack.databaseUrl);
  admin.port = String(stack.pgbouncer.port);
  admin.pathname = "/pgbouncer";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const database = new URL(stack.databaseUrl).pathname.slice(1);
    const { rows } = await client.query<{ database: string; user: string; pool_mode: string }>(
      "SHOW POOLS",
    );
    // The owner may have a pool too: PgBouncer looks the roles up through it (auth_user).
    const pools = rows.filter((row) => row.database === database && row.user !== "postgres");
    expect(pools.map((row) => row.user).sort()).toEqual(
      services.map(([name]) => `marquee_${name}`).sort(),
    );
    expect(new Set(pools.map((row) => row.pool_mode))).toEqual(new Set(["transaction"]));
  } finally {
    await client.end();
  }
});

test("a visitor opens the storefront in the browser", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Marquee");
});
