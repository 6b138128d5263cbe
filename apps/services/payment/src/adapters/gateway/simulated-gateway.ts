import type { Redis } from "@marquee/service/redis";
import { decideCharge, type ChargeOutcome, type Gateway } from "../../domain/gateway";

export type SimulatedGatewayOptions = {
  /** Latency bounds in milliseconds; real gateways answer in a few hundred. */
  minLatencyMs?: number;
  maxLatencyMs?: number;
  /** How long the provider remembers a charge under its key (a day, like real providers' keys). */
  rememberSeconds?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ledgerKey = (idempotencyKey: string) => `gateway:charge:${idempotencyKey}`;

const parseOutcome = (json: string | null): ChargeOutcome | undefined => {
  if (json === null) return undefined;
  const value = JSON.parse(json) as Partial<ChargeOutcome>;
  if (value.status !== "succeeded" && value.status !== "failed") {
    throw new Error(`the simulated gateway's ledger holds an unreadable charge: ${json}`);
  }
  return value as ChargeOutcome;
};

/**
 * A simulated card provider (decideCharge decides; this adds what a provider is outside Marquee's
 * processes): it answers after 100–500 ms (injectable), and keeps its ledger in Redis, shared by
 * every payment process and kept across restarts, as a real provider's records are. A charge is
 * recorded under its idempotency key the moment the provider receives it; a second charge with the
 * key (from any process, even while the first is in flight) answers what the first did and takes
 * no more money, and `lookup` tells what it decided for a key, or nothing if it never received it.
 */
export const createSimulatedGateway = (
  redis: Redis,
  opts: SimulatedGatewayOptions = {},
): Gateway => {
  const min = opts.minLatencyMs ?? 100;
  const max = opts.maxLatencyMs ?? 500;
  const remember = opts.rememberSeconds ?? 86_400;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  return {
    async charge({ idempotencyKey, card }) {
      const decided = decideCharge(card);
      const key = ledgerKey(idempotencyKey);
      const first = await redis.set(key, JSON.stringify(decided), "EX", remember, "NX");
      const outcome = first === "OK" ? decided : (parseOutcome(await redis.get(key)) ?? decided);
      await sleep(min + Math.floor(random() * (max - min + 1)));
      return outcome;
    },
    async lookup(idempotencyKey) {
      return parseOutcome(await redis.get(ledgerKey(idempotencyKey)));
    },
  };
};
