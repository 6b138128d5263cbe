import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { LOCAL_POW_HMAC_KEY } from "@marquee/service/proof-of-work";
import { z } from "zod";
import { SERVICE_PORTS } from "@marquee/service/ports";

const positiveInt = (defaultValue: number) =>
  z.coerce.number().int().positive().default(defaultValue);

/**
 * The documented local default of `ADMISSION_SIGNING_KEY`; refused in production. The local stack
 * generates its own into `.data/local-secrets.json`.
 */
export const LOCAL_ADMISSION_SIGNING_KEY = "marquee-local-admission-signing-key-not-for-production";

/** Inventory's environment: the shared settings plus its port, hold, worker and waiting-room settings. */
export const InventoryConfig = baseConfigSchema
  .extend({
    PORT: portSchema(SERVICE_PORTS.inventory),
    /** How long a hold lasts when catalog set no TTL for the event. */
    HOLD_TTL_SECONDS: positiveInt(900),
    /** Seats one customer may hold at once for one event, across all their active holds. */
    MAX_SEATS_PER_CUSTOMER: positiveInt(10),
    /** Lifetime of a per-seat Redis lock; a crashed holder blocks the seat at most this long. */
    SEAT_LOCK_TTL_MS: positiveInt(5_000),
    /** How often the expiry worker looks for holds past their time, and how many it frees at once. */
    EXPIRY_INTERVAL_MS: positiveInt(500),
    EXPIRY_BATCH_SIZE: positiveInt(200),
    /**
     * How long `pinForPayment` keeps a payment's holds from expiring or being released: longer
     * than any charge takes, short enough that a payment that never settles frees the seats.
     */
    PAYMENT_PIN_MS: positiveInt(1_800_000),
    /** Connections of the Prisma pool (consumers, relay, workers, reads); holds have their own. */
    DB_POOL_MAX: positiveInt(10),
    /**
     * Hold statements running at once per process; a hold that finds them all busy joins the batch
     * the next free one takes (`adapters/db/hold-seats.ts`). One is a group commit: in a rush every
     * hold that arrives while a statement runs goes in the next, so a commit is shared by many
     * holds (the on-sale bench: about a fifth more holds per second than with 4, BENCHMARKS.md).
     * The hold pool has this many connections plus two (seat facts).
     */
    HOLD_BATCHES_IN_FLIGHT: positiveInt(1),
    /** Signs waiting-room admission tokens (HS256); every inventory process must share it. */
    ADMISSION_SIGNING_KEY: z.string().min(32).default(LOCAL_ADMISSION_SIGNING_KEY),
    /** Verifies the proof of work of a waiting-room join; identity signs challenges with the same key. */
    POW_HMAC_KEY: z.string().min(32).default(LOCAL_POW_HMAC_KEY),
    /** How long before sales open a waiting room accepts visitors (who then get a random place). */
    WAITING_ROOM_PRE_QUEUE_MINUTES: positiveInt(30),
    /** How often each process advances the open waiting rooms (admission is atomic in Redis). */
    WAITING_ROOM_TICK_MS: positiveInt(1_000),
    /**
     * How often each process offers returned seats to waiting lists; seats this process frees
     * (expiry, release) are offered at once.
     */
    WAITING_LIST_INTERVAL_MS: positiveInt(1_000),
  })
  .refine(
    (c) => c.NODE_ENV !== "production" || c.ADMISSION_SIGNING_KEY !== LOCAL_ADMISSION_SIGNING_KEY,
    {
      path: ["ADMISSION_SIGNING_KEY"],
      message: "must be set to a secret of your own in production",
    },
  )
  .refine((c) => c.NODE_ENV !== "production" || c.POW_HMAC_KEY !== LOCAL_POW_HMAC_KEY, {
    path: ["POW_HMAC_KEY"],
    message: "must be set to a secret of your own in production",
  });
export type InventoryConfig = z.infer<typeof InventoryConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): InventoryConfig =>
  parseConfig(InventoryConfig, env);
