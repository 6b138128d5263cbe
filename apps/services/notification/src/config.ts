import { baseConfigSchema, cpuNiceSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
import { LOCAL_WEB_URL, SERVICE_PORTS } from "@marquee/service/ports";

const positiveInt = (defaultValue: number) =>
  z.coerce.number().int().positive().default(defaultValue);

const booleanFlag = (defaultValue: boolean) =>
  z
    .enum(["true", "false", "1", "0"])
    .default(defaultValue ? "true" : "false")
    .transform((v) => v === "true" || v === "1");

/** Notification's environment: the shared settings plus SMTP and the delivery retry policy. */
export const NotificationConfig = baseConfigSchema
  .extend({
    PORT: portSchema(SERVICE_PORTS.notification),
    /**
     * Below the purchase path by default: emails (QR images, PDFs, SMTP) follow a purchase, and where they share
     * CPUs with inventory, payment and ordering (npm start, one machine) the buyer waiting for a
     * confirmation should not wait behind them. 0 runs at the priority it was started with.
     */
    CPU_NICE: cpuNiceSchema(10),
    /** MailDev locally (1025; the test environment's is 11025). */
    SMTP_HOST: z.string().min(1).default("127.0.0.1"),
    SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(1025),
    /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
    SMTP_SECURE: booleanFlag(false),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    /** Connection, greeting and socket timeouts of one SMTP conversation. */
    SMTP_TIMEOUT_MS: positiveInt(15_000),
    MAIL_FROM: z.string().min(3).default("Marquee <tickets@marquee.local>"),
    /** The storefront as a browser reaches it: where links in emails (email verification) point. */
    WEB_URL: z.url().default(LOCAL_WEB_URL),
    /** Backoff between attempts of one email: base doubling up to max, with a little jitter. */
    DELIVERY_RETRY_BASE_MS: positiveInt(1_000),
    DELIVERY_RETRY_MAX_MS: positiveInt(300_000),
    /** Attempts before an email is marked failed; with the defaults, about eight hours of trying. */
    DELIVERY_MAX_ATTEMPTS: positiveInt(100),
    /** How often an idle sender looks for due emails. */
    DELIVERY_POLL_MS: positiveInt(500),
    /** Emails sent at once by this process (each replica adds its own). */
    DELIVERY_CONCURRENCY: positiveInt(4),
    DB_POOL_MAX: positiveInt(10),
  })
  .refine((c) => (c.SMTP_USER === undefined) === (c.SMTP_PASSWORD === undefined), {
    path: ["SMTP_PASSWORD"],
    message: "SMTP_USER and SMTP_PASSWORD are set together or not at all",
  })
  .refine((c) => c.DELIVERY_RETRY_BASE_MS <= c.DELIVERY_RETRY_MAX_MS, {
    path: ["DELIVERY_RETRY_MAX_MS"],
    message: "must be at least DELIVERY_RETRY_BASE_MS",
  });
export type NotificationConfig = z.infer<typeof NotificationConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): NotificationConfig =>
  parseConfig(NotificationConfig, env);
