// docker-compose.yml brought up for real and checked by a purchase: `npm run test:containers`, and
// the last part of `npm test` wherever a Docker engine can run. The stack runs as its own compose
// project on host ports of its own, so it sits beside `npm start` and the browser tests' stack.
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM } from "../chromium.mjs";
import { bin, DATA_DIR, ROOT } from "../paths.mjs";
import { say, seconds, step } from "../progress.mjs";
import { runForCode } from "../run.mjs";
import { ensureCompose } from "./compose.mjs";
import { capture, lastLines } from "./docker.mjs";
import { ensureDockerEngine } from "./engine.mjs";
import { buildStandIns, missingImages, STAND_IN_COMPOSE, STAND_IN_FOR } from "./stand-ins.mjs";

const PROJECT = "marquee-containers";
const PORTS = { WEB_PORT: "23000", MAILDEV_PORT: "21080", ZIPKIN_PORT: "29411" };
const LOGS = path.join(DATA_DIR, "containers");

/** The classic builder's "Step 12/31 : RUN npm ci …" lines, shortened, as the build's progress. */
const buildProgress = (line) => {
  const stepLine = /^Step (\d+\/\d+) : (.*)$/.exec(line.trim());
  if (stepLine) say(`  ${stepLine[1]} ${stepLine[2].slice(0, 90)}`);
};

/** `docker compose` over docker-compose.yml (and the stand-ins' overlay), output to a log file. */
const composer = (env, files) => {
  const base = ["compose", "-p", PROJECT, ...files.flatMap((file) => ["-f", file])];
  return async (args, logName, onLine) => {
    const log = path.join(LOGS, `${logName}.log`);
    try {
      const out = await capture("docker", [...base, ...args], { env, cwd: ROOT, onLine });
      fs.writeFileSync(log, out);
      return out;
    } catch (error) {
      fs.writeFileSync(log, error.message);
      throw new Error(
        `docker compose ${args[0]} failed (${path.relative(ROOT, log)}):\n${lastLines(error.message, 30)}`,
      );
    }
  };
};

/** Image sizes of the compose project's own images, for the summary and BENCHMARKS.md. */
const imageSizes = async () => {
  const out = await capture("docker", [
    "image",
    "ls",
    "--filter",
    `reference=${PROJECT}-*`,
    "--format",
    "{{.Repository}} {{.Size}}",
  ]);
  return out.trim().split("\n").filter(Boolean).sort().join(", ");
};

/**
 * Runs the container test. Resolves with `{ skipped }` (the reason) when no Docker engine can run
 * here, otherwise with `{ passed }`.
 */
export const runComposeStack = async () => {
  if (process.env.CONTAINERS === "0") return { skipped: "CONTAINERS=0 is set" };
  fs.mkdirSync(LOGS, { recursive: true });
  say("… Docker engine");
  const engine = await ensureDockerEngine({ log: (msg) => say(`  ${msg}`) });
  if (engine.skip) return { skipped: engine.skip };
  say(`✔ Docker engine ${engine.version}${engine.started ? " (dockerd started here)" : ""}`);
  let compose;
  await step("Compose v2", async () => {
    compose = await ensureCompose({ log: (msg) => say(`  ${msg}`) });
    return compose.version;
  });
  const env = { ...compose.env, ...PORTS, DOCKER_BUILDKIT: "0", COMPOSE_DOCKER_CLI_BUILD: "0" };

  let missing = [];
  await step("official images", async () => {
    missing = await missingImages((msg) => say(`  ${msg}`));
    return missing.length === 0 ? "all present" : `${missing.length} cannot be pulled`;
  });
  const files = [path.join(ROOT, "docker-compose.yml")];
  if (missing.length > 0) {
    for (const why of new Set(missing.map((image) => image.why))) {
      say(`  cannot be pulled (${why}):`);
      for (const { image } of missing.filter((image) => image.why === why))
        say(`    ${image}: ${STAND_IN_FOR[image]} stands in`);
    }
    await step("stand-in images (infra/docker/stand-ins)", () =>
      buildStandIns((msg) => say(`  ${msg}`)),
    );
    files.push(STAND_IN_COMPOSE);
  }
  const compose$ = composer(env, files);
  await compose$(["down", "-v", "--remove-orphans"], "down-before");
  // One image at a time: the seven services share their recipe's middle stages, which the first
  // service's build leaves in the cache for the other six (built at once, each would build them).
  const config = JSON.parse(await compose$(["config", "--format", "json"], "config"));
  const built = Object.entries(config.services)
    .filter(([, service]) => service.build)
    .map(([name]) => name);
  for (const name of built)
    await step(`image of ${name} (docker compose build ${name})`, () =>
      compose$(["build", name], `build-${name}`, buildProgress).then(() => undefined),
    );
  say(`  image sizes: ${await imageSizes()}`);
  let passed = false;
  try {
    const t0 = Date.now();
    await step("docker compose up --wait", () =>
      compose$(["up", "-d", "--wait", "--wait-timeout", "600"], "up"),
    );
    say(`  every container healthy ${seconds(Date.now() - t0)} after \`docker compose up\``);
    const code = await runForCode(
      bin("playwright"),
      ["test", "-c", "e2e/containers/playwright.config.ts"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CHROMIUM_PATH: CHROMIUM,
          CONTAINERS_WEB_URL: `http://localhost:${PORTS.WEB_PORT}`,
          CONTAINERS_MAILDEV_URL: `http://localhost:${PORTS.MAILDEV_PORT}`,
        },
      },
    );
    passed = code === 0;
  } finally {
    if (!passed) await compose$(["logs", "--no-color", "--tail", "200"], "logs").catch(() => {});
    if (process.env.CONTAINERS_KEEP !== "1") await compose$(["down", "-v"], "down");
  }
  return { passed };
};
