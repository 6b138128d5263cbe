// What a proof of work costs: Node solving identity's default challenge on one core (what a bot
// pays per guest token or waiting-room join), and the server's cost to issue and verify one.
// The browser's side is e2e/bench/proof-of-work.bench.ts.
//   npm run bench -- --only proof-of-work
//   CHALLENGES=50 POW_DIFFICULTY=5000 npx tsx packages/service/bench/proof-of-work.ts
import { performance } from "node:perf_hooks";
import { testEnv } from "@marquee/testkit/test-env";
import { Redis } from "ioredis";
import {
  createProofOfWork,
  DEFAULT_PROOF_OF_WORK_DIFFICULTY,
  solveProofOfWork,
} from "../src/proof-of-work";

const challenges = Number(process.env.CHALLENGES ?? 30);
const difficulty = Number(process.env.POW_DIFFICULTY ?? DEFAULT_PROOF_OF_WORK_DIFFICULTY);
const redis = new Redis(testEnv.redisUrl);
const pow = createProofOfWork({ hmacKey: "proof-of-work-bench-key", redis, difficulty });

const issueMs: number[] = [];
const solveMs: number[] = [];
const verifyMs: number[] = [];
const attempts: number[] = [];
for (let i = 0; i < challenges; i += 1) {
  let started = performance.now();
  const challenge = await pow.challenge("guest");
  issueMs.push(performance.now() - started);
  started = performance.now();
  const payload = await solveProofOfWork(challenge);
  solveMs.push(performance.now() - started);
  attempts.push(
    (
      JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as {
        solution: { counter: number };
      }
    ).solution.counter + 1,
  );
  started = performance.now();
  const verdict = await pow.verify(payload, "guest");
  verifyMs.push(performance.now() - started);
  if (!verdict.ok) throw new Error(`verification failed: ${verdict.reason}`);
}
await redis.quit();

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, p50: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] ?? 0 };
};
const solve = stats(solveMs);
const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 0);
const meanAttempts = attempts.reduce((a, b) => a + b, 0) / attempts.length;

console.log(
  `\nproof of work (PBKDF2/SHA-256 × 1,000 per attempt, difficulty ${difficulty}, ${challenges} challenges, Node ${process.version}, one core)`,
);
console.log(
  `  solve:   mean ${fmt(solve.mean)} ms, p50 ${fmt(solve.p50)} ms, p90 ${fmt(solve.p90)} ms, max ${fmt(solve.max)} ms`,
);
console.log(
  `  attempts per solve: mean ${meanAttempts.toFixed(0)} (${fmt(solve.mean / meanAttempts)} ms each)`,
);
console.log(
  `  issue:   mean ${fmt(stats(issueMs).mean)} ms   verify (HMAC + Redis SET NX): mean ${fmt(stats(verifyMs).mean)} ms`,
);
console.log(
  `  a farm minting 1,000 guest tokens spends ${((solve.mean * 1_000) / 60_000).toFixed(1)} core-minutes solving`,
);
