import { randomUUID } from "node:crypto";
import { startPolling, type PollingWorker } from "@marquee/events/polling";
import { listStalledPayments, type PaymentRow } from "../adapters/db/payment-store";
import type { ChargeOutcome } from "../domain/gateway";
import { TX_OPTIONS, type PaymentDeps } from "./deps";
import { settleCharge } from "./settle-charge";

/** What a payment is settled as when the gateway never received its charge: no money was taken. */
export const INTERRUPTED_MESSAGE =
  "The payment was interrupted before your card was charged; no money was taken. Please try again.";

export type RecoveryOptions = {
  /** A payment processing longer than this has lost its request (the gateway answers within 500 ms). */
  stalledAfterMs: number;
  batchSize: number;
  now?: () => Date;
};

/**
 * Settles payments whose request stopped between writing them and recording the gateway's answer
 * (the process was killed, the connection dropped): asks the gateway what it decided for the
 * payment's id and records that; a charge the gateway never received is recorded as failed, so
 * the order can be paid again. Returns how many it settled (a request that settles one at the
 * same moment wins, and this counts nothing for it).
 */
export const recoverStalledPayments = async (
  deps: Pick<PaymentDeps, "db" | "gateway" | "relay" | "log">,
  opts: RecoveryOptions,
): Promise<number> => {
  const now = opts.now?.() ?? new Date();
  const stalled = await listStalledPayments(
    deps.db,
    new Date(now.getTime() - opts.stalledAfterMs),
    opts.batchSize,
  );
  let settled = 0;
  for (const payment of stalled) {
    const outcome = (await deps.gateway.lookup(payment.id)) ?? interrupted(payment);
    // The request's correlation id was not kept; recovery starts a correlation of its own.
    const cause = { correlationId: randomUUID() };
    const { settledHere } = await deps.db.$transaction(
      (tx) => settleCharge(tx, deps, payment, outcome, cause),
      TX_OPTIONS,
    );
    if (!settledHere) continue;
    settled += 1;
    deps.log.warn(
      { paymentId: payment.id, orderId: payment.orderId, status: outcome.status },
      "stalled payment settled by recovery",
    );
  }
  if (settled > 0) deps.relay.nudge();
  return settled;
};

const interrupted = (payment: PaymentRow): ChargeOutcome => ({
  status: "failed",
  reason: "processing_error",
  message: INTERRUPTED_MESSAGE,
  brand: payment.cardBrand,
  last4: payment.cardLast4,
});

export type RecoveryWorker = PollingWorker;

/** Runs recovery every `intervalMs` until stopped; a failing round is logged and retried. */
export const startRecoveryWorker = (
  deps: Pick<PaymentDeps, "db" | "gateway" | "relay" | "log">,
  opts: RecoveryOptions & { intervalMs: number },
): RecoveryWorker =>
  startPolling(
    async () => ({ moreWaiting: (await recoverStalledPayments(deps, opts)) >= opts.batchSize }),
    { intervalMs: opts.intervalMs, log: deps.log, what: "payment recovery" },
  );
