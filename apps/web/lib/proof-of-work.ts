import { createTRPCClient, httpLink } from "@trpc/client";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import type { AppRouter } from "../server/routers/app";
import type { SolveMessage, SolveRequest } from "./proof-of-work.worker";

export type ProofOfWorkPurpose = "guest" | "sign-in" | "waiting-room";

/** How far a solve has got: `fraction` from 0 to 1 (an estimate: the answer may come sooner). */
export type ProofOfWorkProgress = { attempts: number; fraction: number };

export type SolveOptions = {
  onProgress?: (progress: ProofOfWorkProgress) => void;
  signal?: AbortSignal;
};

// Browser-side: the challenge comes through the web's own API, like every other call.
const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: "/api/trpc" })] });

type Solution = { counter: number; derivedKey: string };

const workerCount = () =>
  Math.max(
    1,
    Math.min(4, (typeof navigator !== "undefined" && navigator.hardwareConcurrency) || 2),
  );

/** Solves in Web Workers (the page stays responsive); null when workers are unavailable. */
const solveInWorkers = (
  challenge: Challenge,
  report: (attempts: number) => void,
  signal?: AbortSignal,
): Promise<Solution | null> => {
  let workers: Worker[];
  const count = workerCount();
  try {
    workers = Array.from(
      { length: count },
      () => new Worker(new URL("./proof-of-work.worker.ts", import.meta.url), { type: "module" }),
    );
  } catch {
    return Promise.resolve(null);
  }
  const attempts = new Array<number>(count).fill(0);
  return new Promise<Solution | null>((resolve, reject) => {
    let pending = count;
    const stop = () => workers.forEach((worker) => worker.terminate());
    signal?.addEventListener("abort", () => {
      stop();
      reject(new DOMException("aborted", "AbortError"));
    });
    // Every worker failed or gave up (an old browser, a blocked worker): solve here instead.
    const giveUp = () => {
      pending -= 1;
      if (pending > 0) return;
      stop();
      resolve(null);
    };
    workers.forEach((worker, index) => {
      worker.onmessage = (event: MessageEvent<SolveMessage>) => {
        const message = event.data;
        if (message.type === "progress") {
          attempts[index] = message.attempts;
          report(attempts.reduce((a, b) => a + b, 0));
        } else if (message.type === "done" && message.solution) {
          stop();
          resolve(message.solution);
        } else {
          giveUp();
        }
      };
      worker.onerror = giveUp;
      const request: SolveRequest = { challenge, counterStart: index, counterStep: count };
      worker.postMessage(request);
    });
  });
};

/** The fallback: on the main thread (altcha-lib yields to the page every 200 ms). */
const solveHere = async (
  challenge: Challenge,
  report: (attempts: number) => void,
  signal?: AbortSignal,
): Promise<Solution> => {
  let attempts = 0;
  const controller = new AbortController();
  signal?.addEventListener("abort", () => controller.abort());
  const solution = await solveChallenge({
    challenge,
    controller,
    deriveKey: (parameters, salt, password) => {
      attempts += 1;
      if (attempts % 32 === 0) report(attempts);
      return deriveKey(parameters, salt, password);
    },
  });
  if (!solution) throw new Error("Checking your browser took too long. Please try again.");
  return solution;
};

/**
 * Fetches a proof-of-work challenge for `purpose` through the web's tRPC and solves it in this
 * browser (Web Workers when available), returning the payload to send along as `proof` (base64
 * JSON of the challenge and its solution, ALTCHA's format). About a second of a laptop's CPU: the
 * point is that a thousand of them cost a bot farm real CPU.
 */
export async function solveProofOfWork(
  purpose: ProofOfWorkPurpose,
  options: SolveOptions = {},
): Promise<string> {
  const challenge = await api.proofOfWork.challenge.query({ purpose });
  const maxAttempts = Number(challenge.parameters.data?.maxAttempts) || 5_000;
  const report = (attempts: number) =>
    options.onProgress?.({ attempts, fraction: Math.min(0.99, attempts / maxAttempts) });
  const solution =
    (await solveInWorkers(challenge, report, options.signal)) ??
    (await solveHere(challenge, report, options.signal));
  options.onProgress?.({ attempts: solution.counter + 1, fraction: 1 });
  return btoa(JSON.stringify({ challenge, solution }));
}
