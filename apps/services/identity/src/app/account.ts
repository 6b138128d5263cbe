import type { UserRecord } from "../adapters/db/users";

/** An account as every caller sees it: never the password hash. */
export type Account = {
  id: string;
  email: string;
  name: string;
  role: "customer" | "staff" | "admin";
  /** The account followed the link in its verification email. */
  emailVerified: boolean;
  createdAt: string;
  /** Door staff only: the events whose door they may work. */
  doorEvents?: string[];
};

export const toAccount = (user: UserRecord, doorEvents?: string[]): Account => ({
  id: user.id,
  email: user.email,
  name: user.displayName,
  role: user.role,
  emailVerified: user.emailVerifiedAt !== null,
  createdAt: user.createdAt.toISOString(),
  ...(user.role === "staff" ? { doorEvents: doorEvents ?? [] } : {}),
});
