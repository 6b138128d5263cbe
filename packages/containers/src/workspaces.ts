import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./repository";

type Manifest = {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

const WORKSPACE_PARENTS = ["apps/services", "packages"];

/** Every workspace of the monorepo by package name: its folder and its manifest. */
export const listWorkspaces = (): Map<string, { dir: string; manifest: Manifest }> => {
  const dirs = [
    "apps/web",
    "infra",
    ...WORKSPACE_PARENTS.flatMap((parent) =>
      readdirSync(join(ROOT, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${parent}/${entry.name}`),
    ),
  ];
  const workspaces = new Map<string, { dir: string; manifest: Manifest }>();
  for (const dir of dirs) {
    try {
      const manifest = JSON.parse(
        readFileSync(join(ROOT, dir, "package.json"), "utf8"),
      ) as Manifest;
      workspaces.set(manifest.name, { dir, manifest });
    } catch {
      // a folder without package.json is no workspace
    }
  }
  return workspaces;
};

/**
 * What `turbo prune <names>` keeps: the named workspaces and every workspace they depend on,
 * through dependencies and devDependencies alike.
 */
export const pruneClosure = (names: readonly string[]): Set<string> => {
  const workspaces = listWorkspaces();
  const kept = new Set<string>();
  const visit = (name: string) => {
    const workspace = workspaces.get(name);
    if (!workspace || kept.has(name)) return;
    kept.add(name);
    const { dependencies = {}, devDependencies = {} } = workspace.manifest;
    for (const dependency of [...Object.keys(dependencies), ...Object.keys(devDependencies)])
      visit(dependency);
  };
  names.forEach(visit);
  return kept;
};

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIPPED = new Set(["node_modules", ".next", "generated", "dist"]);

/** Workspace packages (`@marquee/…`) a folder's sources import, type-only imports included. */
export const importedWorkspaces = (dir: string): Set<string> => {
  const found = new Set<string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(ROOT, relative), { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name))
        for (const match of readFileSync(join(ROOT, path), "utf8").matchAll(
          /(?:from|import\()\s*["'](@marquee\/[a-z0-9-]+)/g,
        ))
          found.add(match[1]!);
    }
  };
  walk(dir);
  return found;
};
