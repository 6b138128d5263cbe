import type { PasswordHasher } from "../adapters/bcrypt/password-hasher";
import type { Users } from "../adapters/db/users";
import type { SigningKeys } from "../adapters/keys/signing-keys";
import type { LoginThrottle } from "../adapters/redis/login-throttle";
import type { TokenSettings } from "./issue-token";

/** What identity's use cases need, wired in `service.ts`. */
export type IdentityDeps = {
  users: Users;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  keys: SigningKeys;
  tokens: TokenSettings & { accessTtlSeconds: number; guestTtlSeconds: number };
};
