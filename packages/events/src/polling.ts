import type { EventLog } from "./log";
import { createSleeper } from "./sleep";

export type PollingWorker = {
  stop(): Promise<void>;
  /** Runs the next round at once: now if idle, right after the round in flight otherwise. */
  wake(): void;
};

/**
 * Runs `round` until stopped: at once again while it says more work is waiting, otherwise after
 * `intervalMs`. A failing round is logged once per outage (and its end once), then retried after
 * the interval, so a worker keeps going through database errors. `stop` cuts the wait short and
 * resolves when the round in flight is done.
 */
export const startPolling = (
  round: () => Promise<{ moreWaiting: boolean }>,
  opts: { intervalMs: number; log: EventLog; what: string },
): PollingWorker => {
  const sleeper = createSleeper();
  let running = true;
  let failing = false;
  let woken = false;
  const loop = async () => {
    while (running) {
      woken = false;
      let moreWaiting = false;
      try {
        ({ moreWaiting } = await round());
        if (failing) opts.log.info({}, `${opts.what} recovered`);
        failing = false;
      } catch (error) {
        if (!failing) opts.log.error({ err: error }, `${opts.what} failed; retrying`);
        failing = true;
      }
      if (moreWaiting || woken || !running) continue;
      await sleeper.sleep(opts.intervalMs);
    }
  };
  const done = loop();
  return {
    async stop() {
      running = false;
      sleeper.wake();
      await done;
    },
    wake() {
      woken = true;
      sleeper.wake();
    },
  };
};
