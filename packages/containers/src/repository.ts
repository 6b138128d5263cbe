import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the build context of every image in docker-compose.yml. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export const readRepoFile = (path: string): string => readFileSync(join(ROOT, path), "utf8");

export const repoPathExists = (path: string): boolean => existsSync(join(ROOT, path));

/** A thing docker-compose.yml runs from an image of ours: a service or the web app. */
export type Deployable = {
  /** The compose service name, and the folder name. */
  name: string;
  /** Its folder, relative to the repository root. */
  dir: string;
  packageName: string;
  port: number;
  startScript: string;
};

type PackageJson = {
  name: string;
  scripts?: Record<string, string>;
  marquee?: { port?: number };
};

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readRepoFile(join(dir, "package.json"))) as PackageJson;

/** Every folder under apps/services (so a new service is checked without editing this list). */
export const listServices = (): Deployable[] =>
  readdirSync(join(ROOT, "apps", "services"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = `apps/services/${entry.name}`;
      const pkg = readPackage(dir);
      return {
        name: entry.name,
        dir,
        packageName: pkg.name,
        port: Number(pkg.marquee?.port),
        startScript: pkg.scripts?.start ?? "",
      };
    })
    .sort((a, b) => a.port - b.port);

export const WEB_PORT = 3000;

export const webApp = (): Deployable => {
  const pkg = readPackage("apps/web");
  return {
    name: "web",
    dir: "apps/web",
    packageName: pkg.name,
    port: WEB_PORT,
    startScript: pkg.scripts?.start ?? "",
  };
};
