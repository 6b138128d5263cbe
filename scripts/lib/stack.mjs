import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serviceEnv, serviceEnvFor } from "./environments.mjs";
import { localSecrets } from "./local-secrets.mjs";
import { pipeLines } from "./log-lines.mjs";
import { bin, ROOT, WEB_DIR } from "./paths.mjs";
import { say, seconds, step } from "./progress.mjs";
import { run } from "./run.mjs";
import { ensureBundles } from "./service-bundle.mjs";

/** Newest change under `dir`, leaving out dependencies and build outputs (.next, dist). */
const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (
      entry.name === "node_modules" ||
      entry.name === ".next" ||
      entry.name.startsWith(".turbo") ||
      entry.name === "dist" ||
      entry.name.startsWith("dist.")
    )
      continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
};

/**
 * Builds the web app when it was never built or its sources (or the UI package) changed since
 * (`next build`), and its server's bundle (server.ts as dist/server.js, scripts/build-service.mjs)
 * when that is missing or older than a source it was built from.
 */
export const ensureWebBuild = async () => {
  const buildId = path.join(WEB_DIR, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(newestMtime(WEB_DIR), newestMtime(path.join(ROOT, "packages", "ui")));
  const app = builtAt > changedAt ? "up to date" : "built";
  if (app === "built") {
    await run(bin("next"), ["build"], {
      cwd: WEB_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  const server = await ensureBundles([{ name: "server.ts", dir: WEB_DIR }]);
  return `app ${app}, server ${server === "up to date" ? server : "built"}`;
};

const waitForHttp = async (url, { timeoutMs, isAlive }) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
};

// `--watch` restarts on changes to the modules the process loaded. A service of several processes
// loads its modules in the cluster's workers, which `--watch` does not see, so it watches the
// folders instead: the service's own sources and those of the packages every service runs on.
const SHARED_SOURCES = ["service", "events", "db", "tickets"].map((name) =>
  path.join(ROOT, "packages", name, "src"),
);
const watchFlags = (processes) =>
  processes > 1
    ? ["--watch-path=src", ...SHARED_SOURCES.map((dir) => `--watch-path=${dir}`)]
    : ["--watch"];

/**
 * Ten Node processes share this machine's memory: V8's young generation may grow to 16 MiB per
 * semi-space by default, which an idle process keeps committed (about 35 MiB of each one's RSS).
 * 2 MiB costs more frequent, shorter scavenges under load. The images keep V8's defaults, sized
 * by their containers' memory limits.
 */
const LOCAL_NODE_FLAGS = ["--max-semi-space-size=2"];
const SERVICE_NODE_FLAGS = [...LOCAL_NODE_FLAGS, "--enable-source-maps"];
const HOST_SCRIPT = path.join(ROOT, "scripts", "services-host.mjs");

/**
 * glibc gives a thread that finds the allocator busy an arena of its own, up to eight per core,
 * and a process keeps what it freed in each: with ten processes starting at once on a few cores,
 * an idle service kept about 20 MiB more that way. Two arenas are plenty for a process whose
 * JavaScript runs on one thread. Set MALLOC_ARENA_MAX to override; the images keep glibc's
 * default.
 */
const LOCAL_MALLOC_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };

/**
 * Postgres here allows 100 connections and every service process has its own pools (10 by
 * default, plus one for its outbox relay; inventory adds 6 for holds): one process each stays
 * under 90. A service run as several
 * processes shares its 10 among them (at least 3 each), unless DB_POOL_MAX is set.
 */
const poolBudget = (processes, env) =>
  processes > 1 && env.DB_POOL_MAX === undefined
    ? { DB_POOL_MAX: String(Math.max(3, Math.floor(10 / processes))) }
    : {};

/**
 * Starts the seven services, the web app and (in development) MailDev as child processes, waits
 * until every one reports ready, and stops them all on Ctrl-C / SIGTERM. `replicas` (from
 * REPLICAS, replicas.mjs) sets each service's PROCESSES: its cluster workers share its port.
 * `shareProcess` runs the services of one process each together in a single process, a worker
 * thread each (scripts/services-host.mjs), unless `watch` restarts them on change.
 */
export const runStack = async (
  environment,
  { maildev = true, quiet = false, watch = false, replicas = {}, shareProcess = false } = {},
) => {
  const children = [];
  const sink = quiet ? () => {} : (line) => console.log(line);
  let stopping = false;

  const launch = (name, cmd, args, opts) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    const tail = [];
    pipeLines(name, child.stdout, sink, tail);
    pipeLines(name, child.stderr, sink, tail);
    const entry = { name, child, tail, exited: false, startedAt: Date.now() };
    child.on("exit", (code, signal) => {
      entry.exited = true;
      if (!stopping) {
        say(
          `${name} exited unexpectedly (${signal ?? code}); last lines:\n${tail.slice(-15).join("\n")}`,
        );
        void shutdown(1);
      }
    });
    children.push(entry);
    return entry;
  };

  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say("stopping the stack…");
    for (const { child, exited } of children) if (!exited) child.kill("SIGTERM");
    const deadline = Date.now() + 12_000;
    while (children.some((c) => !c.exited) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const { child, exited } of children) if (!exited) child.kill("SIGKILL");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const env = {
    ...process.env,
    ...serviceEnv(environment),
    ...localSecrets(),
    ...LOCAL_MALLOC_ENV,
    NODE_ENV: watch ? "development" : "production",
  };
  // Services run their bundles (scripts/build-service.mjs); watching, their sources through tsx.
  if (!watch) await step("service bundles", () => ensureBundles(environment.services));
  if (maildev) {
    launch(
      "maildev",
      bin("maildev"),
      [
        "--smtp",
        String(environment.smtp.port),
        "--web",
        String(environment.smtp.webPort),
        "--ip",
        "127.0.0.1",
        "--web-ip",
        "127.0.0.1",
      ],
      { cwd: ROOT, env: { ...env, NODE_OPTIONS: LOCAL_NODE_FLAGS.join(" ") } },
    );
  }
  const serviceCommand = (service) =>
    watch
      ? ["--import", "tsx", ...watchFlags(replicas[service.name] ?? 1), "src/main.ts"]
      : [...SERVICE_NODE_FLAGS, "dist/main.js"];
  const envOf = (service) => ({
    ...env,
    ...serviceEnvFor(environment, service.name),
    PORT: String(service.port),
    // Always set, so a PROCESSES left in the caller's shell does not apply to every service.
    PROCESSES: String(replicas[service.name] ?? 1),
    ...poolBudget(replicas[service.name] ?? 1, env),
  });
  // In one process (scripts/services-host.mjs), each service a worker thread: the services that
  // run as one process each, when the caller asks for it (`npm start`, the browser tests' stack)
  // and nothing is watched.
  const hosted =
    shareProcess && !watch
      ? environment.services.filter((service) => (replicas[service.name] ?? 1) === 1)
      : [];
  const host =
    hosted.length > 0
      ? launch("services", process.execPath, [...SERVICE_NODE_FLAGS, HOST_SCRIPT], {
          cwd: ROOT,
          env: {
            ...env,
            MARQUEE_HOSTED_SERVICES: JSON.stringify(
              hosted.map((service) => ({
                name: service.name,
                entry: path.join(service.dir, "dist", "main.js"),
                env: envOf(service),
              })),
            ),
          },
        })
      : undefined;
  const services = environment.services.map((service) => ({
    ...service,
    proc: hosted.includes(service)
      ? host
      : launch(service.name, process.execPath, serviceCommand(service), {
          cwd: service.dir,
          env: envOf(service),
        }),
  }));
  // The web's own server (apps/web/server.ts): Next behind the front door that decides the
  // browser's address. Compiled (dist/server.js, built with the web app by ensureWebBuild); when
  // watching, server.ts through tsx with `next dev` inside it.
  const webCommand = watch
    ? ["--import", "tsx", "server.ts"]
    : [...LOCAL_NODE_FLAGS, "dist/server.js"];
  const web = launch("web", process.execPath, webCommand, {
    cwd: WEB_DIR,
    env: {
      ...env,
      ...(watch ? { NODE_ENV: "development" } : {}),
      PORT: String(environment.web.port),
      WEB_HOSTNAME: "127.0.0.1",
      // Browsers reach the local web directly: it believes no one's X-Forwarded-For (the
      // services' TRUSTED_PROXIES, loopback, is about the web itself).
      TRUSTED_PROXIES: process.env.WEB_TRUSTED_PROXIES ?? "",
    },
  });

  await step("services ready", async () => {
    // How long each process took from starting to its first 200 (/readyz, the web's /api/health).
    const readyAfter = new Map();
    await Promise.all([
      ...services.map(async (s) => {
        await waitForHttp(`http://127.0.0.1:${s.port}/readyz`, {
          timeoutMs: 120_000,
          isAlive: () => !s.proc.exited,
        });
        readyAfter.set(s.name, seconds(Date.now() - s.proc.startedAt));
      }),
      (async () => {
        await waitForHttp(`http://127.0.0.1:${environment.web.port}/api/health`, {
          timeoutMs: 120_000,
          isAlive: () => !web.exited,
        });
        readyAfter.set("web", seconds(Date.now() - web.startedAt));
      })(),
    ]);
    return [
      ...services.map(
        (s) =>
          `${s.name}:${s.port}${(replicas[s.name] ?? 1) > 1 ? `×${replicas[s.name]}` : ""} ${readyAfter.get(s.name)}`,
      ),
      `web:${environment.web.port} ${readyAfter.get("web")}`,
    ].join(", ");
  }).catch(async (error) => {
    say(String(error.message));
    await shutdown(1);
  });
  return { shutdown };
};
