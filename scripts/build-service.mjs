#!/usr/bin/env node
// Bundles a service, or the web's server, for production: `npm run build` in apps/services/<name>
// (turbo's `build` task) runs this in the service's folder and writes dist/main.js, which `npm
// start`, the test stack and the image run with `node --enable-source-maps dist/main.js`; in
// apps/web it runs after `next build` and writes dist/server.js (server.ts, the front door Next
// runs behind), run with `node dist/server.js`.
//
//   node scripts/build-service.mjs                  the service (or the web) in the current folder
//   node scripts/build-service.mjs payment catalog  the named services (`web`: the web's server)
//   node scripts/build-service.mjs --all            every service
import path from "node:path";
import { buildBundle } from "./lib/service-bundle.mjs";
import { WEB_DIR } from "./lib/paths.mjs";
import { SERVICES } from "./lib/services.mjs";

const args = process.argv.slice(2);
const dirs = args.includes("--all")
  ? SERVICES.map((service) => service.dir)
  : args.length > 0
    ? args.map((name) => {
        if (name === "web") return WEB_DIR;
        const service = SERVICES.find((s) => s.name === name);
        if (!service)
          throw new Error(
            `"${name}" is not a service (one of ${SERVICES.map((s) => s.name).join(", ")}, or web)`,
          );
        return service.dir;
      })
    : [process.cwd()];

for (const dir of dirs) {
  const { outfile, bytes, ms } = await buildBundle(dir);
  console.log(
    `${path.relative(process.cwd(), outfile) || outfile}: ${(bytes / 1024).toFixed(0)} kB in ${ms} ms`,
  );
}
