import { Prisma, type IdentityDb } from "@marquee/db/identity";

export type UserRecord = {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: "customer" | "admin";
  createdAt: Date;
};

export type Users = {
  /** Null when the email is taken (the unique constraint decides, so concurrent sign-ups are safe). */
  create(user: {
    email: string;
    passwordHash: string;
    displayName: string;
  }): Promise<UserRecord | null>;
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
  async create(user) {
    try {
      return await db.user.create({ data: { ...user, role: "customer" } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return null;
      }
      throw error;
    }
  },
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
