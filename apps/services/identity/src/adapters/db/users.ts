import { Prisma, type IdentityDb } from "@marquee/db/identity";
import { enqueue } from "@marquee/events/outbox";
import type { MarqueeEvent } from "@marquee/events/registry";

export type UserRecord = {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: "customer" | "staff" | "admin";
  emailVerifiedAt: Date | null;
  createdAt: Date;
};

export type Users = {
  /**
   * Null when the email is taken (the unique constraint decides, so concurrent sign-ups are safe).
   * `events` are built from the new row and written to the outbox in the same transaction.
   */
  create(
    user: { email: string; passwordHash: string; displayName: string },
    events?: (created: UserRecord) => Promise<MarqueeEvent[]> | MarqueeEvent[],
  ): Promise<UserRecord | null>;
  /**
   * Marks the account verified if its address is still `email`, with `events` in the same
   * transaction; an account verified before is left as it is and announces nothing.
   */
  markEmailVerified(
    account: { userId: string; email: string },
    events: (verifiedAt: Date) => MarqueeEvent[],
  ): Promise<"verified" | "already-verified" | "not-found">;
  /** Writes events to the outbox on their own (nothing else changes). */
  announce(events: MarqueeEvent[]): Promise<void>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** Creates the admin, or makes the existing account an admin with this password hash. */
  upsertAdmin(admin: {
    email: string;
    passwordHash: string;
    displayName: string;
  }): Promise<UserRecord>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const createUsers = (db: IdentityDb): Users => ({
  async create(user, events) {
    try {
      return await db.$transaction(async (tx) => {
        const created = await tx.user.create({ data: { ...user, role: "customer" } });
        if (events) await enqueue(tx, ...(await events(created)));
        return created;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return null;
      }
      throw error;
    }
  },
  markEmailVerified: ({ userId, email }, events) =>
    UUID.test(userId)
      ? db.$transaction(async (tx) => {
          const verifiedAt = new Date();
          const { count } = await tx.user.updateMany({
            where: { id: userId, email, emailVerifiedAt: null },
            data: { emailVerifiedAt: verifiedAt },
          });
          if (count === 1) {
            await enqueue(tx, ...events(verifiedAt));
            return "verified" as const;
          }
          const existing = await tx.user.findFirst({ where: { id: userId, email } });
          return existing ? ("already-verified" as const) : ("not-found" as const);
        })
      : Promise.resolve("not-found" as const),
  announce: (events) => db.$transaction(async (tx) => enqueue(tx, ...events)),
  findByEmail: (email) => db.user.findUnique({ where: { email } }),
  // Guest ids and garbage never reach the uuid column.
  findById: (id) => (UUID.test(id) ? db.user.findUnique({ where: { id } }) : Promise.resolve(null)),
  upsertAdmin: ({ email, passwordHash, displayName }) =>
    db.user.upsert({
      where: { email },
      create: { email, passwordHash, displayName, role: "admin" },
      update: { passwordHash, role: "admin" },
    }),
});
