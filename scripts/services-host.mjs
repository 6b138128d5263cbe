#!/usr/bin/env node
// Runs several services' bundles in this one Node process, each in a worker thread of its own:
// its own V8 isolate, module graph, `process.env`, port, pools and consumers, as if it were a
// process, but one copy of Node's binary, libraries and allocator for all of them. `npm start`
// and the browser tests' stack run the seven services this way (scripts/lib/stack.mjs) to keep a
// laptop's stack small; production and the containers run one process per service, and so does
// the local stack with SERVICES_SHARE_PROCESS=0.
//
// The services to run come as JSON in MARQUEE_HOSTED_SERVICES: [{ name, entry, env }], `entry`
// a service's dist/main.js and `env` its whole environment. Signals do not reach worker
// threads, so SIGTERM / SIGINT here are posted to each service as a message, which
// @marquee/service/cluster turns into the signal its shutdown listens for. The process exits
// once every service has stopped: 0 when all stopped cleanly. A service that exits or throws
// while the others run stops them all and the process exits 1, as a process of its own would
// end the stack.
import { Worker } from "node:worker_threads";

/** The message a hosted service reads as SIGTERM / SIGINT (packages/service/src/cluster.ts). */
const SHUTDOWN_MESSAGE = "marquee:shutdown";
const SHUTDOWN_TIMEOUT_MS = 15_000;

const log = (name, text) => process.stderr.write(`${name}: ${text}\n`);

const parseServices = (text) => {
  let services;
  try {
    services = JSON.parse(text ?? "");
  } catch {
    throw new Error("MARQUEE_HOSTED_SERVICES must be a JSON list of { name, entry, env }");
  }
  const bad = Array.isArray(services)
    ? services.find((s) => typeof s?.name !== "string" || typeof s?.entry !== "string")
    : services;
  if (bad !== undefined || services.length === 0) {
    throw new Error("MARQUEE_HOSTED_SERVICES must be a non-empty list of { name, entry, env }");
  }
  return services;
};

let services;
try {
  services = parseServices(process.env.MARQUEE_HOSTED_SERVICES);
} catch (error) {
  log("services-host", error.message);
  process.exit(1);
}
const running = new Map();
let stopping = null;
let failed = false;

const finishIfDone = () => {
  if (running.size === 0) process.exit(failed ? 1 : 0);
};

const stopAll = (signal) => {
  stopping = signal;
  for (const worker of running.values()) worker.postMessage({ type: SHUTDOWN_MESSAGE, signal });
  setTimeout(() => {
    for (const [name, worker] of running) {
      log(name, `still running ${SHUTDOWN_TIMEOUT_MS / 1000} s after ${signal}; ending it`);
      void worker.terminate();
    }
    failed = true;
  }, SHUTDOWN_TIMEOUT_MS).unref();
  finishIfDone();
};

for (const { name, entry, env } of services) {
  const worker = new Worker(entry, { env: { ...env, MARQUEE_HOSTED: name }, name });
  running.set(name, worker);
  worker.on("error", (error) => {
    failed = true;
    log(name, `crashed: ${error?.stack ?? error}`);
  });
  worker.on("exit", (code) => {
    running.delete(name);
    if (code !== 0) failed = true;
    if (stopping) {
      if (code !== 0) log(name, `stopped with code ${code}`);
      finishIfDone();
      return;
    }
    log(name, `exited unexpectedly (code ${code}); stopping the other services`);
    failed = true;
    stopAll("SIGTERM");
  });
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping === null) stopAll(signal);
    else if (signal !== stopping)
      return; // Ctrl-C from the terminal, then SIGTERM from the stack
    else {
      log("services", `second ${signal} while stopping; exiting now`);
      process.exit(1);
    }
  });
}
