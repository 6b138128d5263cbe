// The web's HTTP server: Next's request handler behind a front door that decides, once per
// request, which address the browser has. Next itself keeps a client-sent X-Forwarded-For as it
// is, so the web would otherwise pass a made-up address on to the services' throttles.
//
//   node dist/server.js             production (NODE_ENV=production): `npm run build` first, which
//                                   runs `next build` and compiles this file and the lib/ modules
//                                   it imports into dist/ (scripts/build-service.mjs)
//   node --import tsx server.ts     development (`npm run dev`): next dev, compiling as it goes
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { readOrCreateSecret } from "./lib/secret-file";

// A container without NEXTAUTH_SECRET keeps a generated one on its volume (docker-compose.yml).
if (!process.env.NEXTAUTH_SECRET && process.env.NEXTAUTH_SECRET_FILE) {
  process.env.NEXTAUTH_SECRET = readOrCreateSecret(process.env.NEXTAUTH_SECRET_FILE);
}

// Imported after the secret is in place: parsing the environment refuses a missing or default
// secret in production, and that must stop the start with its message.
const { CLIENT_ADDRESS_HEADER, resolveClientAddress } = await import("./lib/client-address");
const { serverEnv } = await import("./lib/server-env");

// Before Next loads: with a tracer provider registered, Next makes a span for every request
// (continuing a caller's traceparent), and the service calls made while it runs carry it on.
const { startTracing } = await import("@marquee/service/tracing");
await startTracing({ serviceName: "web", zipkinUrl: serverEnv.ZIPKIN_URL });

const dev = serverEnv.NODE_ENV !== "production";
// The app's folder (next.config.mjs, .next/): this file's, or its parent's for dist/server.js.
const appDir =
  path.basename(import.meta.dirname) === "dist"
    ? path.dirname(import.meta.dirname)
    : import.meta.dirname;
const app = next({
  dev,
  dir: appDir,
  hostname: serverEnv.WEB_HOSTNAME,
  port: serverEnv.PORT,
});
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

const server = createServer((req, res) => {
  const address = resolveClientAddress({
    peer: req.socket.remoteAddress,
    forwardedFor: req.headers[CLIENT_ADDRESS_HEADER],
    trusted: serverEnv.TRUSTED_PROXIES,
  });
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
  void handle(req, res);
});
server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
server.listen(serverEnv.PORT, serverEnv.WEB_HOSTNAME, () => {
  console.log(
    `web ready on http://${serverEnv.WEB_HOSTNAME}:${serverEnv.PORT} (${dev ? "development" : "production"})`,
  );
});

const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
