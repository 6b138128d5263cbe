import { createHash, randomBytes } from "node:crypto";

/**
 * The secret in an invitation link: 32 random bytes (base64url). Identity keeps only its SHA-256,
 * so its table alone cannot be turned into working links.
 */
export const newInvitationToken = (): { token: string; tokenHash: string } => {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
};

export const hashInvitationToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");
