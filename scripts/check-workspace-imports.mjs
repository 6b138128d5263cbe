#!/usr/bin/env node
// Every @marquee/* package a workspace imports is declared in its package.json. knip checks the
// registry's packages but resolves our own workspaces through their sources, so an undeclared
// workspace import would pass it (and work only because npm links every workspace at the root).
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/paths.mjs";

const SKIP = new Set(["node_modules", ".next", ".turbo", "dist", "generated", ".data", ".jars"]);
const SOURCE = /\.(?:ts|tsx|mts|mjs|js)$/;
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["'](@marquee\/[a-z0-9-]+)/g;

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

const sourceFiles = function* (dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (SOURCE.test(entry.name)) yield full;
  }
};

/** The workspaces' directories, from the root's `workspaces` globs (`dir` or `dir/*`). */
const workspaceDirs = () =>
  readJson(path.join(ROOT, "package.json")).workspaces.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [path.join(ROOT, pattern)];
    const parent = path.join(ROOT, pattern.slice(0, -2));
    return fs
      .readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(parent, entry.name))
      .filter((dir) => fs.existsSync(path.join(dir, "package.json")));
  });

const problems = [];
for (const dir of workspaceDirs()) {
  const pkg = readJson(path.join(dir, "package.json"));
  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.devDependencies ?? {}),
  ]);
  for (const file of sourceFiles(dir)) {
    for (const [, name] of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (!declared.has(name)) {
        problems.push(
          `${path.relative(ROOT, file)} imports ${name}, which ${pkg.name}'s package.json does not declare`,
        );
      }
    }
  }
}

if (problems.length > 0) {
  console.error([...new Set(problems)].join("\n"));
  console.error(
    'Add each to the workspace\'s package.json ("@marquee/…": "*"; devDependencies when only tests or benchmarks use it), then run npm install.',
  );
  process.exit(1);
}
