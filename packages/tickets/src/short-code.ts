import { randomBytes } from "node:crypto";

/**
 * A ticket's short code: what a person reads off a ticket and types at the door when the QR will
 * not scan. 9 random characters of Crockford's base32 and 1 check character (Luhn mod 32), shown
 * as `XXXXX-XXXXX`. The random part is the ticket's secret, like the QR's ticket id: 45 bits, so
 * guessing one of a stadium's 20,000 codes takes billions of tries. The check character catches
 * every single-character typo and every swap of two neighbours except `0`↔`Z`, before any lookup.
 */
export const SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const N = SHORT_CODE_ALPHABET.length; // 32
const BODY_LENGTH = 9;
export const SHORT_CODE_LENGTH = BODY_LENGTH + 1;

const valueOf = (char: string): number => SHORT_CODE_ALPHABET.indexOf(char);

/**
 * Luhn mod N over `body` (characters of the alphabet): the character that makes the whole code
 * check. From the right, every second value (starting with the last of the body) is doubled and
 * its base-32 digits summed.
 */
export const shortCodeCheckCharacter = (body: string): string => {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    const addend = factor * valueOf(body[i]!);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return SHORT_CODE_ALPHABET[(N - (sum % N)) % N]!;
};

/** Whether a code of the alphabet (check character last) checks. */
export const shortCodeChecks = (code: string): boolean => {
  if (code.length < 2) return false;
  return shortCodeCheckCharacter(code.slice(0, -1)) === code.slice(-1);
};

/**
 * A fresh short code (10 characters, no hyphen), from cryptographic randomness. `random` is for
 * tests: it must give `BODY_LENGTH` bytes.
 */
export const generateShortCode = (random: (n: number) => Uint8Array = randomBytes): string => {
  // 256 is a multiple of 32: each byte mod 32 is uniform.
  const body = Array.from(random(BODY_LENGTH), (byte) => SHORT_CODE_ALPHABET[byte % N]).join("");
  return body + shortCodeCheckCharacter(body);
};

/** How a short code is printed: `XXXXX-XXXXX`. */
export const formatShortCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

/** What a typed or scanned value is, as far as short codes go. */
export type ShortCodeReading =
  { kind: "short-code"; code: string } | { kind: "typo" } | { kind: "not-a-short-code" };

/**
 * Reads what someone typed: case-insensitive, spaces and hyphens ignored, `I` and `L` read as `1`
 * and `O` as `0` (Crockford). Ten letters and digits are meant as a short code: one that does not
 * check (or holds `U`, which the alphabet leaves out) is a typo. Anything else is not a short code.
 */
export const readShortCode = (input: string): ShortCodeReading => {
  const compact = input.replace(/[\s-]+/g, "").toUpperCase();
  if (!/^[0-9A-Z]+$/.test(compact) || compact.length !== SHORT_CODE_LENGTH) {
    return { kind: "not-a-short-code" };
  }
  const code = compact.replace(/[IL]/g, "1").replace(/O/g, "0");
  if (code.includes("U") || !shortCodeChecks(code)) return { kind: "typo" };
  return { kind: "short-code", code };
};
