// The web server's environment, parsed once. Server-only: nothing here reaches the browser bundle.
import { z } from "zod";
import { parseTrustedProxies } from "./client-address";

/**
 * Local-development default of NEXTAUTH_SECRET, published in this repository: anyone can forge a
 * session cookie with it, so it is refused when NODE_ENV=production (the local stack generates its
 * own secret into `.data/local-secrets.json`; a deployment sets its own).
 */
export const DEV_NEXTAUTH_SECRET = "marquee-local-dev-nextauth-secret-not-for-production";

const ServerEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Set by Next: `phase-production-build` while `next build` loads the app's modules. */
    NEXT_PHASE: z.string().optional(),
    IDENTITY_URL: z.url().default("http://127.0.0.1:5000"),
    CATALOG_URL: z.url().default("http://127.0.0.1:5001"),
    INVENTORY_URL: z.url().default("http://127.0.0.1:5002"),
    ORDERING_URL: z.url().default("http://127.0.0.1:5003"),
    PAYMENT_URL: z.url().default("http://127.0.0.1:5004"),
    FULFILLMENT_URL: z.url().default("http://127.0.0.1:5005"),
    NOTIFICATION_URL: z.url().default("http://127.0.0.1:5006"),
    /** Catalog's live seat changes (`seatmap:<eventId>`) and revoked sessions live here. */
    REDIS_URL: z.string().min(1).default("redis://127.0.0.1:6379/0"),
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /**
     * Addresses (or CIDR ranges) of the proxies in front of the web, whose `X-Forwarded-For` is
     * believed; comma-separated, none by default (the socket's peer is the client).
     */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const parsed = parseTrustedProxies(value);
        if (parsed.ok) return parsed.proxies;
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }),
    /** Live seat-map streams (`/api/events/:id/live`) one client address may hold open at once. */
    LIVE_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(20),
    /**
     * Zipkin's base address: the web's spans (Next's own for each request, and the trace context
     * its service calls carry) go there (`@marquee/service/tracing`). Unset or empty: no tracing.
     */
    ZIPKIN_URL: z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" }).optional(),
    /** `server.ts`: where the web listens. */
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    WEB_HOSTNAME: z.string().min(1).default("0.0.0.0"),
  })
  .superRefine((env, ctx) => {
    // `next build` runs as production but serves nobody; the secret is checked when it starts.
    if (env.NODE_ENV !== "production" || env.NEXT_PHASE === "phase-production-build") return;
    if (!env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required in production (32+ random characters; `npm start` generates one)",
      });
    } else if (env.NEXTAUTH_SECRET === DEV_NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is the published development default; set a secret of your own in production",
      });
    }
  })
  .transform((env) => ({ ...env, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? DEV_NEXTAUTH_SECRET }));

/** Parses the web's environment; throws one error naming every invalid variable. */
export const parseServerEnv = (source: Record<string, string | undefined>) => {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = ServerEnv.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
  );
  throw new Error(`invalid web environment:\n  ${problems.join("\n  ")}`);
};

export const serverEnv = parseServerEnv(process.env);

// next-auth reads NEXTAUTH_URL from the environment itself (origin of its redirects and cookies).
process.env.NEXTAUTH_URL ??= serverEnv.NEXTAUTH_URL;
