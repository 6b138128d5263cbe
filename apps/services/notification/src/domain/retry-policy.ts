export type RetryPolicy = { baseMs: number; maxMs: number; maxAttempts: number };

/**
 * The wait before the next attempt after `attempts` failed ones: base doubling up to max, plus up
 * to 20 % jitter so a mail server coming back is not hit by every waiting email at once.
 */
export const retryDelayMs = (
  policy: RetryPolicy,
  attempts: number,
  random: () => number = Math.random,
): number => {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(delay * (1 + 0.2 * random()));
};

/**
 * Whether an SMTP failure is worth retrying. A 5xx reply (mailbox unknown, message refused) will
 * not change by itself; everything else (connection refused, timeouts, 4xx) may.
 */
export const isPermanentSmtpFailure = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

export type AttemptOutcome =
  { status: "sent" } | { status: "pending"; retryInMs: number } | { status: "failed" };

/** What a failed attempt leaves behind: another try later, or a delivery marked failed. */
export const afterFailedAttempt = (
  policy: RetryPolicy,
  attempts: number,
  error: unknown,
  random?: () => number,
): AttemptOutcome =>
  isPermanentSmtpFailure(error) || attempts >= policy.maxAttempts
    ? { status: "failed" }
    : { status: "pending", retryInMs: retryDelayMs(policy, attempts, random) };
