import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";

/**
 * The seven services and their ports, read from each service's package.json ("marquee.port"),
 * which is also where the service's own config takes its default port from.
 */
export const listServices = () =>
  fs
    .readdirSync(path.join(ROOT, "apps", "services"))
    .map((name) => {
      const dir = path.join(ROOT, "apps", "services", name);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      return { name, dir, port: Number(pkg.marquee?.port) };
    })
    .filter((service) => Number.isInteger(service.port))
    .sort((a, b) => a.port - b.port);

export const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
