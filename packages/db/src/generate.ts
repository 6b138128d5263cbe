import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import {
  configFile,
  generatedDir,
  packageRoot,
  schemaFile,
  schemaFolders,
  type SchemaFolder,
} from "./schema-folders";

/**
 * Runs `prisma generate` for each schema into `generated/<name>` (git-ignored).
 *
 * A folder is regenerated only when its schema.prisma or the Prisma version changed since the
 * last run (a content hash kept beside the output, so a checkout that only touches mtimes costs
 * nothing), which keeps a repeated run to a few milliseconds.
 *
 * Prisma's CLI looks for its native schema engine before any command and tries to download it;
 * `generate` never uses it, so the child gets PRISMA_SCHEMA_ENGINE_BINARY pointing at a no-op.
 */

export type GenerateOptions = {
  /** Defaults to all eight folders. */
  names?: readonly SchemaFolder[];
  /** Regenerate even when up to date. */
  force?: boolean;
  log?: (line: string) => void;
};

export type GenerateResult = { generated: SchemaFolder[]; skipped: SchemaFolder[] };

const require = createRequire(import.meta.url);
const stampFile = ".schema-hash";
const lockDir = join(packageRoot, "generated", ".lock");
const staleLockMs = 5 * 60_000;

export async function generateClients(options: GenerateOptions = {}): Promise<GenerateResult> {
  const names = options.names ?? schemaFolders;
  const log = options.log ?? (() => {});
  const prismaVersion = readVersion("prisma");
  const clientVersion = readVersion("@prisma/client");

  // Several tasks (lint, typecheck, test) may start at once and all ask for the clients.
  const release = await acquireLock();
  try {
    const stale: Array<{ name: SchemaFolder; hash: string }> = [];
    const skipped: SchemaFolder[] = [];
    for (const name of names) {
      const schema = await readFile(schemaFile(name), "utf8");
      const hash = createHash("sha256")
        .update(`prisma ${prismaVersion}\n@prisma/client ${clientVersion}\n${schema}`)
        .digest("hex");
      if (!options.force && (await isCurrent(name, hash))) skipped.push(name);
      else stale.push({ name, hash });
    }

    const generated: SchemaFolder[] = [];
    await forEachLimited(stale, availableParallelism(), async ({ name, hash }) => {
      const started = performance.now();
      // A run that fails half way must not leave an old stamp vouching for its output.
      await rm(join(generatedDir(name), stampFile), { force: true });
      await runPrismaGenerate(name);
      await writeFile(join(generatedDir(name), stampFile), `${hash}\n`);
      generated.push(name);
      log(`generated ${name} (${Math.round(performance.now() - started)} ms)`);
    });
    return { generated, skipped };
  } finally {
    await release();
  }
}

async function isCurrent(name: SchemaFolder, hash: string): Promise<boolean> {
  try {
    const [stamp] = await Promise.all([
      readFile(join(generatedDir(name), stampFile), "utf8"),
      stat(join(generatedDir(name), "client.ts")),
    ]);
    return stamp.trim() === hash;
  } catch {
    return false;
  }
}

function readVersion(pkg: string): string {
  const manifest = require(`${pkg}/package.json`) as { version: string };
  return manifest.version;
}

function runPrismaGenerate(name: SchemaFolder): Promise<void> {
  const cli = join(dirname(require.resolve("prisma/package.json")), "build", "index.js");
  const child = spawn(process.execPath, [cli, "generate", "--config", configFile(name)], {
    cwd: packageRoot,
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(new Error(`prisma generate failed for ${name} (exit ${code}):\n${output.trim()}`));
    });
  });
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const errors: unknown[] = [];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await fn(item).catch((error: unknown) => errors.push(error));
    }
  });
  // Let every started child finish before the caller releases the lock.
  await Promise.all(workers);
  if (errors.length > 0) throw errors[0];
}

/** A directory as a cross-process lock: mkdir is atomic. A lock left by a killed run expires. */
async function acquireLock(): Promise<() => Promise<void>> {
  await mkdir(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const age = await stat(lockDir).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > staleLockMs) await rm(lockDir, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
