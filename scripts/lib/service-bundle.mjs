import fs from "node:fs";
import path from "node:path";
import { WEB_DIR } from "./paths.mjs";

// A service's production bundle: src/main.ts and every @marquee/* workspace it imports (their
// package exports point at .ts sources, which plain Node cannot run) compiled into dist/ by
// esbuild; npm packages stay imports, loaded from node_modules as they are. main.ts loads the
// service itself with a dynamic import, so with code splitting the supervisor of a service run
// as several processes (packages/service/src/cluster.ts) loads only its config, and its workers,
// forked from dist/main.js, load the rest.
//
// The web's server (apps/web/server.ts, the front door Next runs behind, and the lib/ modules it
// imports) is bundled the same way into apps/web/dist/server.js; Next's own build (.next/) holds
// the pages and everything else, and `next` stays an import from node_modules.

const META = "meta.json";
const THIS_FILE = new URL(import.meta.url).pathname;

/** What a folder's bundle is built from and named: the web's server.ts, a service's src/main.ts. */
export const bundleEntryOf = (dir) =>
  path.resolve(dir) === WEB_DIR
    ? { name: "server", source: "server.ts" }
    : { name: "main", source: "src/main.ts" };

/** The node_modules folder a bare import resolves to from `dir`, as Node walks up for it. */
const packageFolder = (specifier, dir) => {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, "node_modules", name);
    if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
    if (path.dirname(at) === at) return undefined;
  }
};

/**
 * Leaves an npm package as an import when dist/ finds the same copy the importing source does;
 * bundles it when it does not (npm installs some packages inside a workspace's own node_modules,
 * e.g. packages/service/node_modules, which a service's dist/ cannot see), and always bundles the
 * @marquee/* workspaces and node's own modules stay imports.
 */
const npmPackagesExternal = (outdir) => ({
  name: "npm-packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@marquee/")) return undefined;
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const fromSource = packageFolder(args.path, args.resolveDir);
      if (fromSource === undefined) return { path: args.path, external: true }; // a node builtin
      return fromSource === packageFolder(args.path, outdir)
        ? { path: args.path, external: true }
        : undefined;
    });
  },
});

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * Compiles the folder's entry (`bundleEntryOf`) into `<dir>/dist/`: a service's src/main.ts to
 * dist/main.js, the web's server.ts to dist/server.js (with chunks and source maps).
 */
export const buildBundle = async (dir) => {
  const { build, stop } = await import("esbuild");
  const entry = bundleEntryOf(dir);
  const outdir = path.join(dir, "dist");
  // Built beside dist/ and swapped in whole, so a process starting meanwhile (or a cluster
  // worker restarting) never loads a main.js whose chunks are half written or already gone.
  const building = `${outdir}.building-${process.pid}`;
  const t0 = Date.now();
  fs.rmSync(building, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: dir,
    entryPoints: { [entry.name]: entry.source },
    outdir: building,
    bundle: true,
    splitting: true,
    // Chunks beside main.js, so a path a module takes from import.meta.url (identity's key
    // file, ../../../../.data) resolves the same from whichever file esbuild puts it in.
    chunkNames: "[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    // Stack traces need the mappings, not the sources: --enable-source-maps keeps every map in
    // memory, and the sources would double it.
    sourcesContent: false,
    metafile: true,
    logLevel: "warning",
    plugins: [npmPackagesExternal(outdir)],
  });
  // What the bundle was built from, for isBundleStale.
  // Relative to the service's folder, like esbuild's own, so a bundle restored from turbo's cache
  // on another checkout is checked against that checkout's sources.
  const inputs = Object.keys(result.metafile.inputs);
  fs.writeFileSync(path.join(building, META), JSON.stringify({ inputs }, null, 2));
  const previous = `${outdir}.previous-${process.pid}`;
  if (fs.existsSync(outdir)) fs.renameSync(outdir, previous);
  fs.renameSync(building, outdir);
  fs.rmSync(previous, { recursive: true, force: true });
  // esbuild's helper process would otherwise stay for as long as the stack script runs.
  await stop();
  const bytes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith(".js"))
    .reduce((sum, [, output]) => sum + output.bytes, 0);
  return { outfile: path.join(outdir, `${entry.name}.js`), bytes, ms: Date.now() - t0 };
};

/**
 * A bundle is stale when it is missing, when a source it was built from changed, moved or went
 * away since, or when this builder changed. A new file is only seen once something that imports
 * it changes, which it must for the file to be used at all.
 */
export const isBundleStale = (dir) => {
  const outdir = path.join(dir, "dist");
  const builtAt = mtime(path.join(outdir, `${bundleEntryOf(dir).name}.js`));
  if (builtAt === 0) return true;
  let inputs;
  try {
    ({ inputs } = JSON.parse(fs.readFileSync(path.join(outdir, META), "utf8")));
  } catch {
    return true;
  }
  return [THIS_FILE, ...inputs.map((input) => path.resolve(dir, input))].some((file) => {
    const changed = mtime(file);
    return changed === 0 || changed >= builtAt;
  });
};

/**
 * Builds the bundles that are missing or stale of the given services (or the web, `{ name, dir }`);
 * says which it built.
 */
export const ensureBundles = async (services) => {
  const stale = services.filter((service) => isBundleStale(service.dir));
  if (stale.length === 0) return "up to date";
  for (const service of stale) await buildBundle(service.dir);
  return `built ${stale.map((service) => service.name).join(", ")}`;
};
