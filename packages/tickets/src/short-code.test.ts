import { describe, expect, it } from "vitest";
import {
  formatShortCode,
  generateShortCode,
  readShortCode,
  SHORT_CODE_ALPHABET,
  shortCodeCheckCharacter,
  shortCodeChecks,
} from "./short-code";

const codes = Array.from({ length: 200 }, () => generateShortCode());

describe("generateShortCode", () => {
  it("gives 10 characters of the alphabet whose last one checks the rest", () => {
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(shortCodeChecks(code)).toBe(true);
    }
  });

  it("maps random bytes onto the whole alphabet", () => {
    const bytes = [0, 31, 32, 255, 10, 17, 18, 200, 100];
    const code = generateShortCode(() => Uint8Array.from(bytes));
    expect(code.slice(0, 9)).toBe("0Z0ZAHJ84");
    expect(new Set(codes.join("")).size).toBe(SHORT_CODE_ALPHABET.length);
  });

  it("gives a different code each time", () => {
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("the check character (Luhn mod 32)", () => {
  it("matches Luhn mod N worked by hand", () => {
    // From the right: 2·2=4, 1·1=1, 2·0=0 → 5; (32 − 5) mod 32 = 27 → "V".
    expect(shortCodeCheckCharacter("012")).toBe("V");
    // "Z" = 31, doubled 62 = 1·32 + 30 → 1 + 30 = 31; (32 − 31) = 1 → "1".
    expect(shortCodeCheckCharacter("Z")).toBe("1");
  });

  it("catches every single-character substitution", () => {
    for (const code of codes.slice(0, 50)) {
      for (let i = 0; i < code.length; i += 1) {
        for (const other of SHORT_CODE_ALPHABET) {
          if (other === code[i]) continue;
          const typo = code.slice(0, i) + other + code.slice(i + 1);
          expect(shortCodeChecks(typo), `${code} → ${typo}`).toBe(false);
        }
      }
    }
  });

  it("catches every swap of two neighbours except 0 and Z, the check character's too", () => {
    /** A valid code with a at position i and b at i + 1 (i + 1 may be the check character). */
    const validWith = (i: number, a: string, b: string): string => {
      const body = (codes[0]!.slice(0, i) + a + b + codes[0]!.slice(i + 2)).slice(0, 9);
      if (i + 1 < 9) return body + shortCodeCheckCharacter(body);
      // The check must come out as b: the first character decides it, one value of it fits.
      for (const first of SHORT_CODE_ALPHABET) {
        const candidate = first + body.slice(1);
        if (shortCodeCheckCharacter(candidate) === b) return candidate + b;
      }
      throw new Error(`no code ends in ${a}${b}`);
    };
    const missed = new Set<string>();
    let tried = 0;
    for (let i = 0; i + 1 < 10; i += 1) {
      for (const a of SHORT_CODE_ALPHABET) {
        for (const b of SHORT_CODE_ALPHABET) {
          if (a === b) continue;
          const code = validWith(i, a, b);
          expect(shortCodeChecks(code)).toBe(true);
          const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
          tried += 1;
          if (shortCodeChecks(swapped)) missed.add(`${i}:${[a, b].sort().join("")}`);
        }
      }
    }
    expect(tried).toBe(9 * 32 * 31);
    expect([...missed]).toEqual(Array.from({ length: 9 }, (_, i) => [`${i}:0Z`]).flat());
  });
});

describe("readShortCode", () => {
  const code = codes[0]!;

  it("accepts the printed form, lower case, spaces and hyphens anywhere", () => {
    for (const typed of [
      code,
      formatShortCode(code),
      formatShortCode(code).toLowerCase(),
      ` ${code.slice(0, 3)} ${code.slice(3, 7)}-${code.slice(7)} `,
    ]) {
      expect(readShortCode(typed)).toEqual({ kind: "short-code", code });
    }
  });

  it("reads I and L as 1 and O as 0", () => {
    const body = "10011Z0A1";
    const valid = body + shortCodeCheckCharacter(body);
    expect(readShortCode(valid.replace(/1/g, "i").replace("0", "O").replace("1", "L"))).toEqual({
      kind: "short-code",
      code: valid,
    });
  });

  it("calls a code with a wrong character or a U a typo", () => {
    const other = SHORT_CODE_ALPHABET[(SHORT_CODE_ALPHABET.indexOf(code[3]!) + 1) % 32]!;
    expect(readShortCode(code.slice(0, 3) + other + code.slice(4))).toEqual({ kind: "typo" });
    expect(readShortCode(`U${code.slice(1)}`)).toEqual({ kind: "typo" });
  });

  it("leaves anything else alone: QR payloads, other lengths, other characters", () => {
    for (const typed of ["", "MQ1.abc.def", code.slice(0, 9), `${code}0`, `${code.slice(0, 9)}!`]) {
      expect(readShortCode(typed)).toEqual({ kind: "not-a-short-code" });
    }
  });

  it("prints as two groups of five", () => {
    expect(formatShortCode("ABCDE12345")).toBe("ABCDE-12345");
  });
});
