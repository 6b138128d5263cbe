import { createHmac } from "node:crypto";
import {
  createChallenge,
  randomInt,
  solveChallenge,
  verifySolution,
  type Challenge,
  type Payload,
} from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { Redis } from "./redis";

/**
 * A self-hosted proof-of-work challenge (ALTCHA v2, `altcha-lib`): the JSON a client solves and
 * sends back, base64-encoded with its solution, as the `proof` of a guarded request.
 */
export type ChallengeJson = Challenge;

export type ProofOfWorkResult = { ok: true } | { ok: false; reason: string };

export type ProofOfWork = {
  /** A fresh signed challenge bound to `purpose` (e.g. "guest", "waiting-room"). */
  challenge(purpose: string): Promise<ChallengeJson>;
  /**
   * Checks a solved payload: well-formed, signed by us, not expired, solved, issued for `purpose`,
   * and never used before (the first verification spends it, in Redis, until it would expire).
   */
  verify(payload: string, purpose: string): Promise<ProofOfWorkResult>;
};

/**
 * The documented local default of every service's `POW_HMAC_KEY` (identity issues and verifies
 * challenges, inventory verifies waiting-room joins: they must share one key). Services refuse it
 * when `NODE_ENV=production`; the local stack generates its own into `.data/local-secrets.json`.
 */
export const LOCAL_POW_HMAC_KEY = "marquee-local-proof-of-work-key-not-for-production";

/** Key derivation every challenge uses: native PBKDF2 in Node and in browsers (WebCrypto). */
export const PROOF_OF_WORK_ALGORITHM = "PBKDF2/SHA-256";
/** PBKDF2 iterations per attempt: about 0.4 ms of one core in Node or Chromium. */
export const PROOF_OF_WORK_COST = 1_000;
/**
 * Default difficulty: the secret counter is drawn from [difficulty / 2, difficulty], and a solver
 * tries counters from 0 up, so it needs on average 3/4 · difficulty attempts (2,500 → ~1,900
 * attempts, about 0.8 s of one core). Doubling it doubles the cost for browsers and bots alike.
 */
export const DEFAULT_PROOF_OF_WORK_DIFFICULTY = 2_500;
export const DEFAULT_PROOF_OF_WORK_EXPIRES_IN_SECONDS = 300;

const usedKey = (nonce: string) => `pow:used:${nonce}`;

// Two secrets from one configured key: one signs the challenge, the other the expected derived key
// (so verifying is one HMAC instead of 1,000 PBKDF2 rounds).
const subKey = (hmacKey: string, label: string) =>
  createHmac("sha256", hmacKey).update(`marquee-proof-of-work:${label}`).digest("hex");

const parsePayload = (payload: string): Payload | null => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const { challenge, solution } = parsed as Partial<Payload>;
    if (typeof challenge?.parameters !== "object" || challenge.parameters === null) return null;
    if (typeof solution !== "object" || solution === null) return null;
    return { challenge, solution };
  } catch {
    return null;
  }
};

/**
 * Issues and checks proof-of-work challenges. Challenges are stateless (HMAC-signed, with their
 * expiry and purpose inside the signature); only spent ones are remembered, in Redis, so every
 * process of every service sharing the key and Redis refuses a replay.
 */
export const createProofOfWork = (opts: {
  hmacKey: string;
  redis: Redis;
  difficulty?: number;
  expiresInSeconds?: number;
}): ProofOfWork => {
  const difficulty = Math.max(2, Math.floor(opts.difficulty ?? DEFAULT_PROOF_OF_WORK_DIFFICULTY));
  const expiresInSeconds = opts.expiresInSeconds ?? DEFAULT_PROOF_OF_WORK_EXPIRES_IN_SECONDS;
  const signatureSecret = subKey(opts.hmacKey, "challenge");
  const keySignatureSecret = subKey(opts.hmacKey, "derived-key");

  return {
    challenge: (purpose) =>
      createChallenge({
        algorithm: PROOF_OF_WORK_ALGORITHM,
        cost: PROOF_OF_WORK_COST,
        counter: randomInt(difficulty, Math.ceil(difficulty / 2)),
        deriveKey,
        // The upper bound of the secret counter, so a browser can show how far along it is.
        data: { purpose, maxAttempts: difficulty },
        expiresAt: Math.floor(Date.now() / 1_000) + expiresInSeconds,
        hmacSignatureSecret: signatureSecret,
        hmacKeySignatureSecret: keySignatureSecret,
      }),

    async verify(payload, purpose) {
      const parsed = parsePayload(payload);
      if (!parsed) return { ok: false, reason: "proof of work is malformed" };
      const { challenge, solution } = parsed;
      // A challenge without an expiry would be spendable forever (and its spent mark kept forever).
      const { expiresAt, nonce } = challenge.parameters;
      if (typeof expiresAt !== "number" || typeof nonce !== "string") {
        return { ok: false, reason: "proof of work is malformed" };
      }
      const result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: signatureSecret,
        hmacKeySignatureSecret: keySignatureSecret,
      }).catch(() => null);
      if (!result) return { ok: false, reason: "proof of work is malformed" };
      if (result.expired)
        return { ok: false, reason: "proof of work has expired; solve a new one" };
      if (result.invalidSignature)
        return { ok: false, reason: "proof of work has an invalid signature" };
      if (!result.verified) return { ok: false, reason: "proof of work is not solved" };
      // The purpose is inside the signed parameters, so it can be trusted once the signature is.
      if (challenge.parameters.data?.purpose !== purpose) {
        return { ok: false, reason: `proof of work was not issued for ${purpose}` };
      }
      const ttl = Math.max(1, expiresAt - Math.floor(Date.now() / 1_000) + 1);
      const fresh = await opts.redis.set(usedKey(nonce), "1", "EX", ttl, "NX");
      if (fresh !== "OK") return { ok: false, reason: "proof of work has already been used" };
      return { ok: true };
    },
  };
};

/**
 * Solves a challenge in Node and returns the payload to send as `proof`: what tests, benchmarks and
 * scripts use (browsers solve with WebCrypto, `apps/web/lib/proof-of-work.ts`).
 */
export const solveProofOfWork = async (challenge: ChallengeJson): Promise<string> => {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("proof of work not solved in time");
  const payload: Payload = { challenge, solution };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
};
