// The web server's environment, parsed once. Server-only: nothing here reaches the browser bundle.
import { z } from "zod";

/** Local-development default; any deployment sets its own NEXTAUTH_SECRET. */
export const DEV_NEXTAUTH_SECRET = "marquee-local-dev-nextauth-secret-not-for-production";

const ServerEnv = z.object({
  IDENTITY_URL: z.url().default("http://127.0.0.1:5000"),
  CATALOG_URL: z.url().default("http://127.0.0.1:5001"),
  INVENTORY_URL: z.url().default("http://127.0.0.1:5002"),
  ORDERING_URL: z.url().default("http://127.0.0.1:5003"),
  PAYMENT_URL: z.url().default("http://127.0.0.1:5004"),
  FULFILLMENT_URL: z.url().default("http://127.0.0.1:5005"),
  NOTIFICATION_URL: z.url().default("http://127.0.0.1:5006"),
  /** Catalog's live seat changes (`seatmap:<eventId>`) are read from here. */
  REDIS_URL: z.string().min(1).default("redis://127.0.0.1:6379/0"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(16).default(DEV_NEXTAUTH_SECRET),
});

const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
export const serverEnv = ServerEnv.parse(present);

// next-auth reads NEXTAUTH_URL from the environment itself (origin of its redirects and cookies).
process.env.NEXTAUTH_URL ??= serverEnv.NEXTAUTH_URL;
