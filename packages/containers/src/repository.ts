import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_PORTS, WEB_PORT } from "@marquee/service/ports";

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
  /** Its package.json `build` script ("" when it has none). */
  buildScript: string;
};

type PackageJson = {
  name: string;
  scripts?: Record<string, string>;
};

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readRepoFile(join(dir, "package.json"))) as PackageJson;

/**
 * Every folder under apps/services (so a new service is checked without editing this list), with
 * its port from the list of services (NaN for a folder the list lacks).
 */
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
        port: Number(SERVICE_PORTS[entry.name as keyof typeof SERVICE_PORTS]),
        startScript: pkg.scripts?.start ?? "",
        buildScript: pkg.scripts?.build ?? "",
      };
    })
    .sort((a, b) => a.port - b.port);

export const webApp = (): Deployable => {
  const pkg = readPackage("apps/web");
  return {
    name: "web",
    dir: "apps/web",
    packageName: pkg.name,
    port: WEB_PORT,
    startScript: pkg.scripts?.start ?? "",
    buildScript: pkg.scripts?.build ?? "",
  };
};

/** The one image recipe of every service; its build arguments say which service. */
export const SERVICE_DOCKERFILE = "infra/docker/service.Dockerfile";

/** How the image of a service or the web app is built: its Dockerfile and build arguments. */
export type ImageRecipe = { dockerfile: string; args: Record<string, string> };

export const recipeOf = ({ name, dir, port }: Deployable): ImageRecipe =>
  dir.startsWith("apps/services/")
    ? { dockerfile: SERVICE_DOCKERFILE, args: { SERVICE: name, PORT: String(port) } }
    : { dockerfile: `${dir}/Dockerfile`, args: {} };
