import type { PasswordHasher } from "../adapters/bcrypt/password-hasher";
import type { DoorStaff } from "../adapters/db/door-staff";
import type { Users } from "../adapters/db/users";
import type { SigningKeys } from "../adapters/keys/signing-keys";
import type { ProofOfWork } from "@marquee/service/proof-of-work";
import type { LoginThrottle } from "../adapters/redis/login-throttle";
import type { RequestThrottle } from "../adapters/redis/request-throttle";
import type { TokenSettings } from "./issue-token";

/** What identity's use cases need, wired in `service.ts`. */
export type IdentityDeps = {
  users: Users;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  /** Guest tokens per address and per email. */
  guestThrottle: RequestThrottle;
  /** Sign-ups per address and per email. */
  registrationThrottle: RequestThrottle;
  /** Verification emails sent again, per address and per email. */
  verificationThrottle: RequestThrottle;
  proofOfWork: ProofOfWork;
  emailVerification: { ttlSeconds: number };
  /** Door staff: invitations, accounts and the events each may work. */
  doorStaff: DoorStaff;
  staffInvitations: { ttlSeconds: number };
  keys: SigningKeys;
  tokens: TokenSettings & { accessTtlSeconds: number; guestTtlSeconds: number };
};
