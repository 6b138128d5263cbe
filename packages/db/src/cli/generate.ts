// Usage: npm run generate -w @marquee/db [-- --force] [name...]
import { generateClients } from "../generate";
import { isSchemaFolder, schemaFolders } from "../schema-folders";

const args = process.argv.slice(2);
const force = args.includes("--force");
const names = args.filter((a) => a !== "--force");
const unknown = names.filter((n) => !isSchemaFolder(n));
if (unknown.length > 0) {
  console.error(
    `unknown schema ${unknown.join(", ")}; expected any of ${schemaFolders.join(", ")}`,
  );
  process.exit(2);
}

const started = performance.now();
try {
  const result = await generateClients({
    names: names.length > 0 ? names.filter(isSchemaFolder) : undefined,
    force,
    log: (line) => console.log(`db: ${line}`),
  });
  const ms = Math.round(performance.now() - started);
  console.log(
    `db: ${result.generated.length} client(s) generated, ${result.skipped.length} up to date (${ms} ms)`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
