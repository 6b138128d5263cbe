import { createTokenVerifier } from "@marquee/service/auth";
import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import { createProofOfWork } from "@marquee/service/proof-of-work";
import type { Service } from "@marquee/service/server";
import { createPasswordHasher } from "./adapters/bcrypt/password-hasher";
import { createDb } from "./adapters/db/client";
import { createDoorStaff } from "./adapters/db/door-staff";
import { createUsers } from "./adapters/db/users";
import { loadSigningKeys } from "./adapters/keys/signing-keys";
import { createLoginThrottle } from "./adapters/redis/login-throttle";
import { createRequestThrottle } from "./adapters/redis/request-throttle";
import { createAppRouter } from "./adapters/trpc/router";
import type { IdentityDeps } from "./app/deps";
import type { IdentityConfig } from "./config";

export const JWKS_PATH = "/.well-known/jwks.json";

/** Wires identity from its configuration; `main.ts` starts it, tests start it on port 0. */
export const createIdentityService = async (opts: {
  config: IdentityConfig;
  logger: Logger;
  handleSignals?: boolean;
}): Promise<Service & { deps: IdentityDeps }> => {
  const { config, logger } = opts;
  const keys = await loadSigningKeys(config, logger);
  const db = createDb(config.DATABASE_URL);
  const { redis, serve } = createServiceRuntime({ name: "identity", config, db, logger });

  const tokens = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const deps: IdentityDeps = {
    users: createUsers(db),
    passwords: await createPasswordHasher(config.BCRYPT_COST),
    throttle: createLoginThrottle(redis, {
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      maxFailuresPerAccountAndIp: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
      proofAfterFailures: config.LOGIN_PROOF_AFTER_FAILURES,
      proofAfterAccountFailures: config.LOGIN_PROOF_AFTER_ACCOUNT_FAILURES,
      windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
      backoffBaseSeconds: config.LOGIN_LOCKOUT_BASE_SECONDS,
      backoffMaxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
    }),
    guestThrottle: createRequestThrottle(redis, {
      name: "guest-token",
      perIp: config.GUEST_TOKENS_PER_IP,
      perEmail: config.GUEST_TOKENS_PER_EMAIL,
      windowSeconds: config.GUEST_TOKEN_WINDOW_SECONDS,
    }),
    registrationThrottle: createRequestThrottle(redis, {
      name: "registration",
      perIp: config.REGISTRATIONS_PER_IP,
      perEmail: config.REGISTRATIONS_PER_EMAIL,
      windowSeconds: config.REGISTRATION_WINDOW_SECONDS,
    }),
    verificationThrottle: createRequestThrottle(redis, {
      name: "verification-email",
      perIp: config.REGISTRATIONS_PER_IP,
      perEmail: config.VERIFICATION_EMAILS_PER_EMAIL,
      windowSeconds: config.REGISTRATION_WINDOW_SECONDS,
    }),
    proofOfWork: createProofOfWork({
      hmacKey: config.POW_HMAC_KEY,
      redis,
      difficulty: config.POW_DIFFICULTY,
      expiresInSeconds: config.POW_EXPIRES_IN_SECONDS,
    }),
    emailVerification: { ttlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS },
    doorStaff: createDoorStaff(db),
    staffInvitations: { ttlSeconds: config.STAFF_INVITATION_TTL_SECONDS },
    keys,
    tokens: {
      ...tokens,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      guestTtlSeconds: config.GUEST_TOKEN_TTL_SECONDS,
    },
  };

  const service = serve({
    router: createAppRouter(deps),
    // Identity checks its own tokens against the keys it holds: no HTTP round trip to itself.
    verifier: createTokenVerifier({ jwks: keys.jwks, ...tokens }),
    routes: (app) => {
      app.get(JWKS_PATH, (_request, reply) =>
        // Short public caching: verifiers re-fetch on an unknown kid anyway, so rotation is not delayed.
        reply.header("cache-control", "public, max-age=300").send(keys.jwks),
      );
    },
    handleSignals: opts.handleSignals,
  });
  return { ...service, deps };
};
