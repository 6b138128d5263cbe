#!/usr/bin/env node
// Bundles a service for production: `npm run build` in apps/services/<name> (turbo's `build`
// task) runs this in the service's folder and writes dist/main.js, which `npm start`, the test
// stack and the image run with `node --enable-source-maps dist/main.js`.
//
//   node scripts/build-service.mjs                  the service in the current folder
//   node scripts/build-service.mjs payment catalog  the named services
//   node scripts/build-service.mjs --all            every service
import path from "node:path";
import { buildService } from "./lib/service-bundle.mjs";
import { SERVICES } from "./lib/services.mjs";

const args = process.argv.slice(2);
const dirs = args.includes("--all")
  ? SERVICES.map((service) => service.dir)
  : args.length > 0
    ? args.map((name) => {
        const service = SERVICES.find((s) => s.name === name);
        if (!service)
          throw new Error(
            `"${name}" is not a service (one of ${SERVICES.map((s) => s.name).join(", ")})`,
          );
        return service.dir;
      })
    : [process.cwd()];

for (const dir of dirs) {
  const { outfile, bytes, ms } = await buildService(dir);
  console.log(
    `${path.relative(process.cwd(), outfile) || outfile}: ${(bytes / 1024).toFixed(0)} kB in ${ms} ms`,
  );
}
