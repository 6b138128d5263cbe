import type { UserRecord } from "../adapters/db/users";

/** An account as every caller sees it: never the password hash. */
export type Account = {
  id: string;
  email: string;
  name: string;
  role: "customer" | "admin";
  /** The account followed the link in its verification email. */
  emailVerified: boolean;
  createdAt: string;
};

export const toAccount = (user: UserRecord): Account => ({
  id: user.id,
  email: user.email,
  name: user.displayName,
  role: user.role,
  emailVerified: user.emailVerifiedAt !== null,
  createdAt: user.createdAt.toISOString(),
});
