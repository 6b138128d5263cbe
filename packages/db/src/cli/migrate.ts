// Usage: npm run migrate -w @marquee/db [-- name[:schema] ...]
// With no arguments every service is migrated into its own schema. DATABASE_URL picks the database.
import { databaseUrlFromEnv, redact } from "../database-url";
import { defaultTargets, ensureDatabase, migrate, type MigrationTarget } from "../migrate";

const url = databaseUrlFromEnv();
const args = process.argv.slice(2);
const targets: MigrationTarget[] = args.map((arg) => {
  const [name = "", schema] = arg.split(":");
  const fallback = defaultTargets.find((t) => t.name === name)?.schema;
  const target = schema ?? fallback;
  if (!target) {
    console.error(`no default schema for "${name}": pass it as ${name}:<schema>`);
    process.exit(2);
  }
  return { name, schema: target };
});

const started = performance.now();
try {
  if (await ensureDatabase(url)) console.log(`db: created database ${redact(url)}`);
  const result = await migrate({
    url,
    targets: targets.length > 0 ? targets : undefined,
    log: (line) => console.log(`db: ${line}`),
  });
  const ms = Math.round(performance.now() - started);
  const count = (targets.length > 0 ? targets : defaultTargets).length;
  console.log(
    `db: ${result.applied.length} migration(s) applied, ${count} schema(s) up to date (${ms} ms)`,
  );
} catch (error) {
  console.error(`db: migrate failed on ${redact(url)}`);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
