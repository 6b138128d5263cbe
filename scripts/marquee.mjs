#!/usr/bin/env node
// Marquee's one entry point for people and CI. Dependency-free, so it works on a fresh clone
// before `npm install` ever ran: each command first sets up whatever is missing, then does its job.
//
//   npm start        set up, run the whole stack, print where to point the browser
//                    (the services in one process, a worker thread each, unless
//                    SERVICES_SHARE_PROCESS=0; REPLICAS=inventory=2,ordering=2 or REPLICAS=all=2:
//                    services as several processes sharing their ports)
//   npm run dev      the same with services restarting on change and `next dev`
//   npm test         set up, then check formatting, typecheck, lint, integration tests and
//                    browser tests; the browser tests drive a stack of their own on the test
//                    environment's ports (web 13000, services 15000-15006;
//                    lib/environments.mjs), never `npm start`'s
//   npm run test:containers
//                    docker-compose.yml brought up on a Docker engine (started here when it can
//                    be), with stand-ins for the images no registry serves, and a ticket bought
//                    through its web container (also the last part of npm test)
//   npm run setup    only set up (add --env test for the test environment)
//   npm run stop     stop the Kafka brokers, PgBouncers and Zipkins started by the commands above
//   npm run bench    set up, then run the benchmarks and print their figures
//                    (npm run bench:onsale: the inventory rush and the stadium seat map only;
//                    npm run bench -- --only event-page: the storefront's event page in Chromium)
import { ensureChromium } from "./lib/chromium.mjs";
import { environments, webUrl, zipkinUrl } from "./lib/environments.mjs";
import { prepareInfrastructure, stopInfrastructure } from "./lib/infrastructure.mjs";
import { ensureNodeModules } from "./lib/node-modules.mjs";
import { elapsed, say, step } from "./lib/progress.mjs";
import { ensureWebBuild, runStack } from "./lib/stack.mjs";
import { runTests } from "./lib/tests.mjs";
import { runComposeStack } from "./lib/containers/compose-stack.mjs";
import { runBenchmarks } from "./lib/benchmarks.mjs";
import { describeReplicas, replicasFromEnv, shareProcessFromEnv } from "./lib/replicas.mjs";

const [command = "help", ...args] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const environmentFrom = (fallback) => {
  const name = option("env", fallback);
  const environment = environments[name];
  if (!environment) throw new Error(`unknown --env "${name}" (use dev, test or bench)`);
  return environment;
};

/** `http://localhost:5000-5006`, from the first and last of the stack's service ports. */
const describePorts = (services) =>
  `http://localhost:${services[0].port}-${services[services.length - 1].port}`;

const setup = async (environment) => {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 20) throw new Error(`Marquee needs Node.js 20 or newer; this is ${process.version}`);
  await step("npm packages", ensureNodeModules);
  await prepareInfrastructure(environment);
};

const commands = {
  async setup() {
    const environment = environmentFrom("dev");
    await setup(environment);
    if (environment.name === "test") await step("Chromium for browser tests", ensureChromium);
    say(`set-up complete in ${elapsed()}`);
  },

  async start() {
    const environment = environmentFrom("dev");
    // Checked before any set-up, so a typo in REPLICAS costs a second, not a build.
    const replicas = replicasFromEnv();
    const shareProcess = shareProcessFromEnv();
    await setup(environment);
    await step("web app build", ensureWebBuild);
    await runStack(environment, { replicas, shareProcess });
    say(`Marquee is running (started in ${elapsed()}).`);
    say(`  Storefront:  ${webUrl(environment)}`);
    say(`  Mail viewer: http://localhost:${environment.smtp.webPort}`);
    say(`  Traces:      ${zipkinUrl(environment).replace("127.0.0.1", "localhost")} (Zipkin)`);
    say(`  Services:    ${describePorts(environment.services)} (/readyz, /metrics)`);
    say(
      `  Processes:   ${describeReplicas(replicas, { shared: shareProcess })} (REPLICAS, SERVICES_SHARE_PROCESS)`,
    );
    say("Press Ctrl-C to stop.");
  },

  /** Like start, but services restart on change and the web app runs `next dev`. */
  async dev() {
    const environment = environmentFrom("dev");
    const replicas = replicasFromEnv();
    await setup(environment);
    await runStack(environment, { watch: true, replicas });
    say(`Marquee (watch mode) is running: ${webUrl(environment)}`);
    say(`  Processes: ${describeReplicas(replicas)} (REPLICAS)`);
  },

  /** The stack the browser tests drive (Playwright starts it, or reuses a running one). */
  async stack() {
    const environment = environmentFrom("test");
    const replicas = replicasFromEnv();
    const shareProcess = shareProcessFromEnv();
    await setup(environment);
    await step("web app build", ensureWebBuild);
    await runStack(environment, { quiet: args.includes("--quiet"), replicas, shareProcess });
    say("stack ready");
  },

  async stop() {
    await stopInfrastructure(environments.dev);
    await stopInfrastructure(environments.test);
    await stopInfrastructure(environments.bench);
  },

  async test() {
    const environment = environments.test;
    await setup(environment);
    await step("Chromium for browser tests", ensureChromium);
    await step("web app build", ensureWebBuild);
    const ok = await runTests(environment);
    say(`tests finished in ${elapsed()}`);
    process.exit(ok ? 0 : 1);
  },

  async containers() {
    await step("npm packages", ensureNodeModules);
    await step("Chromium for browser tests", ensureChromium);
    const result = await runComposeStack();
    if (result.skipped) say(`container test skipped: ${result.skipped}`);
    else say(`container test ${result.passed ? "passed" : "failed"} (${elapsed()})`);
    process.exit(result.passed || result.skipped ? 0 : 1);
  },

  /** Node benchmarks in the bench environment; browser ones drive the test environment's stack. */
  async bench() {
    const only = option("only", undefined)?.split(",");
    await runBenchmarks({
      only,
      prepareNode: async () => {
        await setup(environments.bench);
        return environments.bench;
      },
      prepareBrowser: async () => {
        await setup(environments.test);
        await step("Chromium for browser benchmarks", ensureChromium);
        await step("web app build", ensureWebBuild);
        return environments.test;
      },
    });
  },

  help() {
    console.log(
      "usage: node scripts/marquee.mjs setup|start|dev|stack|stop|test|containers|bench [--env dev|test|bench]",
    );
  },
};

const handler = commands[command];
if (!handler) {
  commands.help();
  process.exit(2);
}
try {
  await handler();
} catch (error) {
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
