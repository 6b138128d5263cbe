import bcrypt from "bcrypt";
import { createIdentityDb } from "@marquee/db/identity";
import { createUsers } from "../adapters/db/users";
import { Email, passwordProblem } from "../domain/credentials";

export const DEFAULT_ADMIN_EMAIL = "admin@marquee.local";
export const DEFAULT_ADMIN_PASSWORD = "marquee-admin-demo";

/**
 * Makes sure the demo admin exists with this password: created on first run, promoted and its
 * password reset when it differs, untouched (no new hash) when it already matches. Run by set-up.
 */
export const seedAdmin = async (opts: {
  databaseUrl: string;
  email?: string | undefined;
  password?: string | undefined;
  cost?: number;
}): Promise<"created" | "updated" | "unchanged"> => {
  const email = Email.parse(opts.email ?? DEFAULT_ADMIN_EMAIL);
  const password = opts.password ?? DEFAULT_ADMIN_PASSWORD;
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`ADMIN_PASSWORD ${problem}`);

  const db = createIdentityDb({ url: opts.databaseUrl, poolMax: 1 });
  try {
    const users = createUsers(db);
    const existing = await users.findByEmail(email);
    if (existing?.role === "admin" && (await bcrypt.compare(password, existing.passwordHash))) {
      return "unchanged";
    }
    const passwordHash = await bcrypt.hash(password, opts.cost ?? 12);
    await users.upsertAdmin({ email, passwordHash, displayName: "Marquee admin" });
    return existing ? "updated" : "created";
  } finally {
    await db.$disconnect();
  }
};
