import { Redis } from "ioredis";
import { serverEnv } from "./server-env";

/**
 * Sessions ended by signing out, by their `sid`, in Redis until the last moment a copy of their
 * cookie could still be worth anything. Every web process shares them, so a cookie copied before
 * sign-out is refused by all of them.
 */
export type RevokedSessions = {
  revoke(sessionId: string, untilEpochSeconds: number): Promise<void>;
  isRevoked(sessionId: string): Promise<boolean>;
};

const key = (sessionId: string) => `web:revoked-session:${sessionId}`;

export const createRevokedSessions = (redis: Redis): RevokedSessions => ({
  async revoke(sessionId, untilEpochSeconds) {
    const seconds = Math.max(1, Math.ceil(untilEpochSeconds - Date.now() / 1_000));
    await redis.set(key(sessionId), "1", "EX", seconds);
  },
  async isRevoked(sessionId) {
    return (await redis.exists(key(sessionId))) === 1;
  },
});

let shared: RevokedSessions | null = null;

/** The web process's store, on REDIS_URL, connected on first use. */
export const revokedSessions = (): RevokedSessions => {
  if (!shared) {
    // A session read waits at most a few seconds for Redis; then it counts as signed out.
    const redis = new Redis(serverEnv.REDIS_URL, {
      maxRetriesPerRequest: 2,
      commandTimeout: 3_000,
    });
    redis.on("error", (error: Error) => console.error("revoked sessions:", error.message));
    shared = createRevokedSessions(redis);
  }
  return shared;
};
