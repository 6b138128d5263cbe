/**
 * Failed sign-ins slow whoever is failing, never lock the account itself: counts are kept per
 * client address, per (address, account) and per account, each over a window.
 * - An address or an (address, account) pair past its limit waits (a backoff that doubles with
 *   each further failure); the same account from any other address is not affected.
 * - A few failures for the pair, or many for the account from anywhere, and each further attempt
 *   must carry a solved proof of work: about a second for the owner, a real CPU bill for anyone
 *   guessing at scale, even spread over many addresses.
 */
export type SignInLimits = {
  maxFailuresPerIp: number;
  maxFailuresPerAccountAndIp: number;
  proofAfterFailures: number;
  proofAfterAccountFailures: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
};

/** This attempt's number in each count (itself included: counted before the password check). */
export type AttemptCounts = { ip: number; accountAndIp: number; account: number };

/**
 * What an attempt leads to: the scopes it pushes past their limit, each to be locked for the
 * given seconds (the attempt that sets a lock is still checked, the ones racing it are refused, so
 * a guesser past a limit gets one try per backoff period), and whether it must carry a proof.
 */
export type AttemptVerdict = {
  locks: { scope: "ip" | "account-and-ip"; seconds: number }[];
  proofRequired: boolean;
};

/** Seconds to wait after the `failures`-th failure: 0 up to the limit, then doubling to `max`. */
export const backoffSeconds = (
  failures: number,
  { limit, baseSeconds, maxSeconds }: { limit: number; baseSeconds: number; maxSeconds: number },
): number => {
  if (failures <= limit) return 0;
  const doublings = Math.min(failures - limit - 1, 30);
  return Math.min(baseSeconds * 2 ** doublings, maxSeconds);
};

/** What to do with an attempt, from its numbers in the three counts. */
export const judgeAttempt = (counts: AttemptCounts, limits: SignInLimits): AttemptVerdict => {
  const backoff = { baseSeconds: limits.backoffBaseSeconds, maxSeconds: limits.backoffMaxSeconds };
  const pairSeconds = backoffSeconds(counts.accountAndIp, {
    limit: limits.maxFailuresPerAccountAndIp,
    ...backoff,
  });
  const ipSeconds = backoffSeconds(counts.ip, { limit: limits.maxFailuresPerIp, ...backoff });
  return {
    locks: [
      ...(pairSeconds > 0 ? [{ scope: "account-and-ip" as const, seconds: pairSeconds }] : []),
      ...(ipSeconds > 0 ? [{ scope: "ip" as const, seconds: ipSeconds }] : []),
    ],
    proofRequired:
      counts.accountAndIp > limits.proofAfterFailures ||
      counts.account > limits.proofAfterAccountFailures,
  };
};
