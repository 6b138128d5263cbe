import cluster, { type Worker } from "node:cluster";
import { isMainThread, parentPort } from "node:worker_threads";
import type { LevelWithSilent } from "pino";
import { lowerCpuPriority, lowerThreadCpuPriority } from "./cpu-priority";
import { createLogger, type Logger } from "./logger";
import { firstReadiness } from "./readiness";
import { startTracing } from "./tracing";

/**
 * What the primary tells a worker to do, over the cluster's IPC channel; a services host
 * (scripts/services-host.mjs, plain JavaScript, which spells it out again) posts the same.
 */
const SHUTDOWN_MESSAGE = "marquee:shutdown";
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export type RunProcessesOptions = {
  /** The service's name, for the primary's log lines. */
  name: string;
  /**
   * `PROCESSES`, `LOG_LEVEL`, `CPU_NICE` and `ZIPKIN_URL` from the service's parsed configuration;
   * the process that serves (this one, or each worker) starts tracing under `name` when
   * `ZIPKIN_URL` is set.
   */
  config: {
    PROCESSES: number;
    LOG_LEVEL: LevelWithSilent;
    CPU_NICE: number;
    ZIPKIN_URL?: string | undefined;
  };
  /** The primary's logger; one named after the service at `LOG_LEVEL` by default. */
  logger?: Logger;
  /** Backoff before restarting a worker that died, doubling from base to max per slot. */
  restartBaseMs?: number;
  restartMaxMs?: number;
  /** A worker that ran this long before dying starts its slot's backoff afresh. */
  stableAfterMs?: number;
  /** Once signalled, the primary kills workers still running after this long and exits 1. */
  shutdownTimeoutMs?: number;
};

type Slot = {
  index: number;
  worker: Worker | null;
  startedAt: number;
  failures: number;
  restart: NodeJS.Timeout | null;
};

/**
 * Runs a service as `PROCESSES` worker processes sharing its port through Node's `cluster`
 * (connections are handed out round-robin by the primary), or in this process when it is 1, or
 * in this worker thread when a process hosts several services (`runHosted`, PROCESSES 1 only).
 *
 * The primary serves nothing: it forks the workers, restarts one that dies unexpectedly (with
 * backoff per slot), forwards SIGTERM/SIGINT to every worker (which then shut down as a single
 * process does: requests finish, workers and consumers stop, the outbox drains) and exits once
 * all have stopped: 0 when every worker stopped cleanly, 1 otherwise. If a worker exits before
 * any worker ever listened, the service cannot start (bad database URL, port taken): the primary
 * stops the others and exits 1, as a single process would, instead of restarting forever.
 */
export const runProcesses = async (
  options: RunProcessesOptions,
  start: () => Promise<unknown>,
): Promise<void> => {
  if (!isMainThread) {
    await runHosted(options, start);
    return;
  }
  // First, so the workers forked below and the threads started later inherit it.
  if (!cluster.isWorker) lowerCpuPriority(options.config.CPU_NICE);
  if (options.config.PROCESSES <= 1) {
    await startTracing({ serviceName: options.name, zipkinUrl: options.config.ZIPKIN_URL });
    await start();
    return;
  }
  if (cluster.isWorker) {
    const worker = followPrimary();
    await startTracing({ serviceName: options.name, zipkinUrl: options.config.ZIPKIN_URL });
    await start();
    worker.started();
    return;
  }
  superviseWorkers(options);
};

/**
 * The signal a shutdown message from a cluster primary or a services host asks for (SIGINT, else
 * SIGTERM), or null for any other message.
 */
const shutdownSignalIn = (message: unknown): "SIGINT" | "SIGTERM" | null => {
  if (typeof message !== "object" || message === null) return null;
  const { type, signal } = message as { type?: unknown; signal?: unknown };
  if (type !== SHUTDOWN_MESSAGE) return null;
  return signal === "SIGINT" ? "SIGINT" : "SIGTERM";
};

/**
 * A worker shuts down when the primary asks, unless the signal already reached it: Ctrl-C in a
 * terminal signals the whole process group, and a second signal would mean "exit now".
 */
const followPrimary = () => {
  let signalled = false;
  process.on("message", (message: unknown) => {
    const signal = shutdownSignalIn(message);
    if (signal === null || signalled) return;
    signalled = true;
    // The service's own handlers (createService) run the shutdown; before they exist, the
    // default action ends the worker, which is all a worker still starting has to do.
    process.kill(process.pid, signal);
  });
  return {
    /** Counts signals from now on; installed earlier it would swallow one (no default exit). */
    started() {
      for (const signal of SIGNALS) {
        process.prependListener(signal, () => {
          signalled = true;
        });
      }
    },
  };
};

/**
 * A service run as a worker thread of a process hosting several (scripts/services-host.mjs, how
 * `npm start` runs them). Its CPU_NICE applies to its own thread only, and once it is first ready
 * (`/readyz`): its neighbours keep theirs, and the seven start together at full speed. (Lowered as
 * soon as it listened, fulfillment and notification waited behind the others' start-up work, the
 * demo data's seat stock, for their first database answer: ready 1.5–2 s after the rest.) It gets
 * no signals: the host posts them as messages, which `followHost` turns into the signal events its
 * shutdown listens for (createService), as a cluster worker's are.
 */
const runHosted = async (options: RunProcessesOptions, start: () => Promise<unknown>) => {
  const { name, config } = options;
  if (config.PROCESSES > 1) {
    throw new Error(
      `${name}: PROCESSES=${config.PROCESSES} needs a process of its own, not a worker thread`,
    );
  }
  followHost();
  await startTracing({ serviceName: name, zipkinUrl: config.ZIPKIN_URL });
  await start();
  if (config.CPU_NICE !== 0) {
    void firstReadiness().then(() => lowerThreadCpuPriority(config.CPU_NICE));
  }
};

/**
 * Turns the host's shutdown message into SIGTERM / SIGINT for this thread's listeners. Before
 * those listeners exist the thread just ends, which is all a service still starting has to do.
 */
const followHost = () => {
  parentPort?.unref();
  parentPort?.on("message", (message: unknown) => {
    const signal = shutdownSignalIn(message);
    if (signal === null) return;
    if (process.listenerCount(signal) === 0) process.exit(0);
    process.emit(signal, signal);
  });
};

const superviseWorkers = (options: RunProcessesOptions) => {
  const { name, config } = options;
  const count = config.PROCESSES;
  const restartBaseMs = options.restartBaseMs ?? 500;
  const restartMaxMs = options.restartMaxMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 30_000;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 15_000;
  const log = (options.logger ?? createLogger({ name, level: config.LOG_LEVEL })).child({
    role: "primary",
  });

  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({
    index: index + 1,
    worker: null,
    startedAt: 0,
    failures: 0,
    restart: null,
  }));
  const slotOf = (worker: Worker) => slots.find((slot) => slot.worker === worker);
  let everListened = false;
  let stopping: NodeJS.Signals | "start-failure" | null = null;
  let stoppingAt = 0;
  let failed = false;

  const fork = (slot: Slot) => {
    slot.restart = null;
    slot.startedAt = Date.now();
    slot.worker = cluster.fork({ MARQUEE_WORKER: String(slot.index) });
    log.info(
      { worker: slot.index, workerPid: slot.worker.process.pid },
      `worker ${slot.index} started`,
    );
  };

  const running = () => slots.filter((slot) => slot.worker !== null);

  const finishIfDone = () => {
    if (running().length > 0) return;
    if (failed) log.error(`${name}: every worker has stopped, some of them not cleanly`);
    else log.info(`${name}: every worker has stopped`);
    process.exit(failed ? 1 : 0);
  };

  const stopAll = (reason: NodeJS.Signals | "start-failure") => {
    stopping = reason;
    stoppingAt = Date.now();
    for (const slot of slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.restart = null;
    }
    const live = running();
    const signal = reason === "start-failure" ? "SIGTERM" : reason;
    log.info({ signal, workers: live.length }, `${name}: stopping ${live.length} worker(s)`);
    for (const slot of live) {
      // Over IPC rather than a signal: a worker that got the terminal's own Ctrl-C must not see
      // a second one, which would make it exit at once.
      if (slot.worker?.isConnected()) slot.worker.send({ type: SHUTDOWN_MESSAGE, signal });
      else slot.worker?.process.kill(signal);
    }
    setTimeout(() => {
      for (const slot of running()) {
        log.error(
          { worker: slot.index, workerPid: slot.worker?.process.pid },
          `worker ${slot.index} still running after ${shutdownTimeoutMs} ms; killing it`,
        );
        slot.worker?.process.kill("SIGKILL");
      }
      failed = true;
    }, shutdownTimeoutMs).unref();
    finishIfDone();
  };

  cluster.on("listening", (worker, address) => {
    const slot = slotOf(worker);
    everListened = true;
    log.info(
      { worker: slot?.index, workerPid: worker.process.pid, port: address.port },
      `worker ${slot?.index} (pid ${worker.process.pid}) listening on port ${address.port}`,
    );
  });

  cluster.on("exit", (worker, code, signal) => {
    const slot = slotOf(worker);
    if (!slot) return;
    slot.worker = null;
    const pid = worker.process.pid;
    const how = signal ? `signal ${signal}` : `code ${code}`;

    if (stopping) {
      const clean = code === 0 || (stopping !== "start-failure" && signal === stopping);
      if (!clean) failed = true;
      log.info(
        { worker: slot.index, workerPid: pid, code, signal },
        `worker ${slot.index} stopped (${how})`,
      );
      finishIfDone();
      return;
    }
    if (!everListened) {
      failed = true;
      log.fatal(
        { worker: slot.index, workerPid: pid, code, signal },
        `worker ${slot.index} exited (${how}) before ${name} ever listened; stopping`,
      );
      stopAll("start-failure");
      return;
    }
    if (Date.now() - slot.startedAt >= stableAfterMs) slot.failures = 0;
    slot.failures += 1;
    const delay = Math.min(restartMaxMs, restartBaseMs * 2 ** (slot.failures - 1));
    log.error(
      { worker: slot.index, workerPid: pid, code, signal, restartInMs: delay },
      `worker ${slot.index} (pid ${pid}) died (${how}); restarting it in ${delay} ms`,
    );
    slot.restart = setTimeout(() => fork(slot), delay);
  });

  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl-C under `npm start` reaches this process from the terminal and then as SIGTERM from
    // the stack script: the same request to stop, not an impatient second one.
    if (stopping && stopping !== signal && Date.now() - stoppingAt < 2_000) {
      log.info({ signal }, `${signal} while stopping on ${stopping}; still stopping`);
      return;
    }
    if (stopping) {
      log.error({ signal }, `second signal during shutdown; killing the workers`);
      for (const slot of running()) slot.worker?.process.kill("SIGKILL");
      process.exit(1);
    }
    stopAll(signal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);

  log.info({ processes: count }, `${name}: starting ${count} worker processes`);
  for (const slot of slots) fork(slot);
};
