import { z } from "zod";

// bcrypt reads at most 72 bytes of a password and ignores the rest, so longer passwords are refused
// at sign-up rather than silently truncated.
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 10;

/** Emails are compared trimmed and lower-cased, which is also how they are stored. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be a valid email address"));

export const DisplayName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters")
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters");

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** Why a password is refused at sign-up, or null when it is acceptable. */
export const passwordProblem = (password: string, email: string): string | null => {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (byteLength(password) > MAX_PASSWORD_BYTES) {
    return `must be at most ${MAX_PASSWORD_BYTES} bytes`;
  }
  if (new Set(password).size === 1) return "must not repeat a single character";
  const lowered = password.trim().toLowerCase();
  const localPart = email.split("@")[0] ?? "";
  if (lowered === email || lowered === localPart) return "must not be your email address";
  return null;
};

/** Sign-up form: from the web's /sign-up page to identity's `register`. */
export const RegisterInput = z
  .object({
    email: Email,
    password: z.string().max(1_024, "is too long"),
    displayName: DisplayName,
  })
  .superRefine(({ email, password }, ctx) => {
    const problem = passwordProblem(password, email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type RegisterInput = z.infer<typeof RegisterInput>;

/**
 * Sign-in form. No password rules here: they would tell a guesser what the rules are. `proof`: a
 * solved proof of work (purpose `sign-in`), needed once this address failed a few times on this
 * account or the account many times from anywhere (`login` answers PRECONDITION_FAILED until then).
 */
export const LoginInput = z.object({
  email: z.string().max(254).transform(normaliseEmail),
  password: z.string().min(1, "must not be empty").max(1_024, "is too long"),
  proof: z.string().min(1).max(8_192).optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

/**
 * Checkout without an account: the web asks identity for a guest token for this email, with the
 * browser's solved proof of work (purpose `guest`, see `proofOfWorkChallenge`).
 */
export const GuestTokenInput = z.object({
  email: Email,
  proof: z.string().min(1, "is required: solve a proof-of-work challenge first").max(8_192),
});
export type GuestTokenInput = z.infer<typeof GuestTokenInput>;

/** A password longer than bcrypt reads could match a stored one by its first 72 bytes only. */
export const isComparablePassword = (password: string): boolean =>
  byteLength(password) <= MAX_PASSWORD_BYTES;

/**
 * What a proof-of-work challenge is for: a guest token or a sign-in after failures here, a
 * waiting-room join at inventory.
 */
export const ProofOfWorkPurpose = z.enum(["guest", "sign-in", "waiting-room"]);
export type ProofOfWorkPurpose = z.infer<typeof ProofOfWorkPurpose>;

export const ProofOfWorkChallengeInput = z.object({ purpose: ProofOfWorkPurpose });
export type ProofOfWorkChallengeInput = z.infer<typeof ProofOfWorkChallengeInput>;
