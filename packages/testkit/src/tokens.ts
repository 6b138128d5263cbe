import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

export type TestUser = {
  id?: string;
  email?: string;
  role?: "customer" | "guest" | "staff" | "admin";
  name?: string;
  /** Door staff's events (the `doorEvents` claim); only a staff token carries them. */
  doorEvents?: string[];
  /** identity's `emailVerified` claim; absent unless given. */
  emailVerified?: boolean;
};

/** What `ctx.user` will be: `doorEvents` only for staff (`[]` unless given). */
export type TestTokenUser = Required<Omit<TestUser, "doorEvents" | "emailVerified">> & {
  doorEvents?: string[];
  emailVerified?: boolean;
};

export type TestIssuer = {
  /** Give this to the service under test as `IDENTITY_JWKS_URL` (or to `createTokenVerifier`). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  kid: string;
  /**
   * A token exactly like identity's (ES256, `kid`, iss/aud/sub/email/role/name/iat/exp), for a new
   * customer unless `user` says otherwise. The returned `user` is what `ctx.user` will be.
   */
  tokenFor(user?: TestUser): Promise<{ token: string; user: TestTokenUser }>;
  close(): Promise<void>;
};

/**
 * A stand-in for identity in other services' tests: a fresh P-256 key served from a real JWKS
 * endpoint on an ephemeral port, and tokens signed with it. The service under test verifies them
 * through the same `createTokenVerifier` and HTTP fetch it uses against identity, with no database
 * or identity process needed.
 */
export const startTestIssuer = async ({
  issuer = "marquee-identity",
  audience = "marquee",
  ttlSeconds = 3_600,
} = {}): Promise<TestIssuer> => {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const body = JSON.stringify({ keys: [{ ...publicJwk, kid, alg: "ES256", use: "sig" }] });

  const server = createServer((req, res) => {
    if (req.url === "/.well-known/jwks.json") {
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    kid,
    async tokenFor(partial = {}) {
      const id = partial.id ?? randomUUID();
      const role = partial.role ?? "customer";
      const user: TestTokenUser = {
        id,
        email: partial.email ?? `user-${id.slice(0, 8)}@example.com`,
        role,
        name: partial.name ?? "Test User",
        ...(role === "staff" ? { doorEvents: partial.doorEvents ?? [] } : {}),
        ...(partial.emailVerified === undefined ? {} : { emailVerified: partial.emailVerified }),
      };
      const token = await new SignJWT({
        email: user.email,
        role: user.role,
        name: user.name,
        ...(user.doorEvents ? { doorEvents: user.doorEvents } : {}),
        ...(user.emailVerified === undefined ? {} : { emailVerified: user.emailVerified }),
      })
        .setProtectedHeader({ alg: "ES256", kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(user.id)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey);
      return { token, user };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
