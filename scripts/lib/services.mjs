import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";

// The design's ports: packages/service/src/ports.json, the one list of services and ports, which
// the services' own config reads too (`@marquee/service/ports`). Read as a file, so the scripts
// stay dependency-free.
const design = JSON.parse(
  fs.readFileSync(path.join(ROOT, "packages", "service", "src", "ports.json"), "utf8"),
);

/** The seven services in port order, each with its folder and its design port. */
export const SERVICES = Object.entries(design.services)
  .map(([name, port]) => ({ name, dir: path.join(ROOT, "apps", "services", name), port }))
  .sort((a, b) => a.port - b.port);

/** The web's design port. */
export const DESIGN_WEB_PORT = design.web;
