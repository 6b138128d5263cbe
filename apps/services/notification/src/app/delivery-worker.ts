import type { NotificationDeps } from "./deps";
import { queueAddressedRefunds } from "./queue-addressed-refunds";
import { sendNextEmail } from "./send-next-email";

export type DeliveryWorker = {
  /** Look for due emails now instead of at the next poll. */
  nudge(): void;
  /** Finishes the emails in flight, then stops. */
  stop(): Promise<void>;
};

/**
 * `concurrency` senders, each sending due emails one by one until none is left, then sleeping.
 * Replicas may run their own: SKIP LOCKED shares the work.
 *
 * A nudge wakes one sleeping sender, and a sender that found an email wakes one more, so a
 * backlog brings in every sender while a nudge for an event that queued nothing (most of them:
 * every applied batch nudges) costs one empty look, not one per sender. Only the first sender
 * also wakes every `pollMs` on its own (for retries falling due and emails another process
 * queued); the others sleep until woken, so an idle service makes one empty look per `pollMs`,
 * not one per sender.
 *
 * The first sender also queues, at most every `pollMs`, the refund emails whose order's address
 * has arrived since they came (`queueAddressedRefunds`), so they go out within about `pollMs` of
 * it, even while a backlog keeps every sender busy.
 */
export const startDeliveryWorker = (
  deps: NotificationDeps,
  opts: { pollMs: number; concurrency: number },
): DeliveryWorker => {
  let stopped = false;
  /** Bumped by every nudge: a sender that was busy when it came looks again before sleeping. */
  let nudges = 0;
  const sleepers = new Set<() => void>();
  /** Until woken, or at most `ms` when given; not at all once stopping (a sender that was busy
   * when `stop` woke the sleepers must not start a sleep nobody ends). */
  const sleep = (ms: number | null) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = ms === null ? undefined : setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const wakeOne = () => {
    const [wake] = sleepers;
    wake?.();
  };

  let refundsLookedAt = 0;
  const queueRefundsWhenDue = async () => {
    if (Date.now() - refundsLookedAt < opts.pollMs) return;
    refundsLookedAt = Date.now();
    await queueAddressedRefunds(deps);
  };

  const run = async (sender: number) => {
    let failures = 0;
    while (!stopped) {
      try {
        const seen = nudges;
        if (sender === 0) await queueRefundsWhenDue();
        const sent = await sendNextEmail(deps);
        failures = 0;
        if (sent) wakeOne();
        else if (seen === nudges) await sleep(sender === 0 ? opts.pollMs : null);
      } catch (error) {
        // The database is away; the emails wait in it. Log the first failure and every 20th.
        if (failures % 20 === 0)
          deps.log.warn({ err: error }, "delivery worker cannot reach the database");
        failures += 1;
        await sleep(Math.min(10_000, opts.pollMs * 2 ** Math.min(failures, 5)));
      }
    }
  };
  const loops = Array.from({ length: opts.concurrency }, (_, sender) => run(sender));

  return {
    nudge: () => {
      nudges += 1;
      wakeOne();
    },
    async stop() {
      stopped = true;
      [...sleepers].forEach((wake) => wake());
      await Promise.all(loops);
    },
  };
};
