import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

/** Main thread → worker: solve `challenge`, trying counters start, start + step, … */
export type SolveRequest = { challenge: Challenge; counterStart: number; counterStep: number };
/** Worker → main thread: attempts so far, then the solution (null when none was found in time). */
export type SolveMessage =
  | { type: "progress"; attempts: number }
  | { type: "done"; solution: { counter: number; derivedKey: string } | null }
  | { type: "error"; message: string };

const post = (message: SolveMessage) => self.postMessage(message);

// One solver per worker; several workers split the counters between them (interleaved).
self.onmessage = async (event: MessageEvent<SolveRequest>) => {
  const { challenge, counterStart, counterStep } = event.data;
  let attempts = 0;
  try {
    const solution = await solveChallenge({
      challenge,
      counterStart,
      counterStep,
      deriveKey: (parameters, salt, password) => {
        attempts += 1;
        if (attempts % 32 === 0) post({ type: "progress", attempts });
        return deriveKey(parameters, salt, password);
      },
    });
    post({
      type: "done",
      solution: solution && { counter: solution.counter, derivedKey: solution.derivedKey },
    });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
