/** Resolves when the dependency is usable, rejects (with a reason) when it is not. */
export type ReadinessCheck = () => Promise<void>;

export type CheckResult =
  { status: "ok"; durationMs: number } | { status: "failing"; durationMs: number; error: string };

/** Body of `GET /readyz`, read by orchestrators and operators. */
export type ReadinessReport = {
  status: "ready" | "not ready";
  failing: string[];
  checks: Record<string, CheckResult>;
};

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

let markReady = () => {};
const firstReady = new Promise<void>((resolve) => {
  markReady = resolve;
});

/**
 * Resolves the first time this service's `/readyz` answers ready: once its connections are up, as
 * whoever probes it (the stack, an orchestrator) sees. One per JavaScript realm, so each service
 * hosted as a worker thread has its own.
 */
export const firstReadiness = (): Promise<void> => firstReady;

/** Called by `/readyz` with each report; the first ready one resolves `firstReadiness`. */
export const noteReadiness = (report: ReadinessReport): void => {
  if (report.status === "ready") markReady();
};

const withTimeout = async (work: Promise<void>, timeoutMs: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const runCheck = async (check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> => {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  try {
    // Called inside the try so a check that throws synchronously is reported like any other failure.
    await withTimeout(Promise.resolve().then(check), timeoutMs);
    return { status: "ok", durationMs: elapsed() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failing", durationMs: elapsed(), error: message || "failed" };
  }
};

/** Runs every check concurrently, each bounded by `timeoutMs`, so one hung dependency cannot stall the probe. */
export const runReadinessChecks = async (
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> => {
  const entries = await Promise.all(
    Object.entries(checks).map(
      async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const,
    ),
  );
  const failing = entries.filter(([, result]) => result.status === "failing").map(([name]) => name);
  return {
    status: failing.length === 0 ? "ready" : "not ready",
    failing,
    checks: Object.fromEntries(entries),
  };
};

/** Any Prisma client (`@marquee/db/<service>`) fits, and so does a thin wrapper over a `pg` Pool. */
export type RawQueryClient = { $queryRawUnsafe(sql: string): PromiseLike<unknown> };

export const postgresCheck =
  (db: RawQueryClient): ReadinessCheck =>
  async () => {
    await db.$queryRawUnsafe("SELECT 1");
  };

/** Takes an ioredis client; while it is reconnecting the check fails at once instead of queueing a PING. */
export const redisCheck =
  (redis: { status: string; ping(): Promise<string> }): ReadinessCheck =>
  async () => {
    if (redis.status !== "ready") throw new Error(`redis connection is ${redis.status}`);
    const reply = await redis.ping();
    if (reply !== "PONG") throw new Error(`unexpected PING reply: ${reply}`);
  };

/**
 * Takes a kafkajs `Admin` from a `Kafka` client built with `retry: { retries: 0 }` (the admin's own
 * `retry` option does not reach its connection): the probe runs every few seconds, and kafkajs'
 * default retries would keep reconnecting in the background long after the timeout.
 */
export const kafkaCheck =
  (admin: { describeCluster(): Promise<{ brokers: unknown[] }> }): ReadinessCheck =>
  async () => {
    const { brokers } = await admin.describeCluster();
    if (brokers.length === 0) throw new Error("cluster reports no brokers");
  };
