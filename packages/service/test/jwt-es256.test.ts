import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JwtRefused, verifyEs256Jwt, type JwtRefusalReason } from "../src/jwt-es256";

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const nowSeconds = NOW / 1_000;
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const other = generateKeyPairSync("ec", { namedCurve: "P-256" });

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: "marquee-identity",
  aud: "marquee",
  sub: "customer-1",
  iat: nowSeconds - 10,
  exp: nowSeconds + 3_600,
  email: "ada@example.com",
  ...overrides,
});

/** A compact JWS signed with `key` exactly as given, whatever the header says. */
const signed = (
  payload: unknown,
  {
    header = { alg: "ES256", kid: "k1" },
    key = privateKey,
    dsaEncoding = "ieee-p1363",
  }: { header?: unknown; key?: KeyObject; dsaEncoding?: "ieee-p1363" | "der" } = {},
) => {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = sign("sha256", Buffer.from(input), { key, dsaEncoding });
  return `${input}.${signature.toString("base64url")}`;
};

const verify = (token: string) =>
  verifyEs256Jwt(token, {
    getKey: () => Promise.resolve(publicKey),
    issuer: "marquee-identity",
    audience: "marquee",
    clockToleranceSeconds: 5,
    now: () => NOW,
  });

const refusal = async (token: string): Promise<JwtRefusalReason | "accepted"> => {
  try {
    await verify(token);
    return "accepted";
  } catch (error) {
    if (error instanceof JwtRefused) return error.reason;
    throw error;
  }
};

describe("verifyEs256Jwt", () => {
  it("accepts a well-signed token and returns its claims", async () => {
    await expect(verify(signed(claims()))).resolves.toMatchObject({
      sub: "customer-1",
      email: "ada@example.com",
    });
  });

  it("accepts an audience list that names the audience", async () => {
    expect(await refusal(signed(claims({ aud: ["other", "marquee"] })))).toBe("accepted");
  });

  it("refuses a payload changed after signing, and a signature by another key", async () => {
    const [header, , signature] = signed(claims()).split(".");
    const tampered = `${header}.${b64(claims({ sub: "admin-1" }))}.${signature}`;
    expect(await refusal(tampered)).toBe("signature");
    expect(await refusal(signed(claims(), { key: other.privateKey }))).toBe("signature");
  });

  it("refuses alg none, HS256 keyed with the public key, and any other algorithm", async () => {
    const none = `${b64({ alg: "none" })}.${b64(claims())}.`;
    expect(await refusal(none)).toBe("malformed");
    const hsInput = `${b64({ alg: "HS256", kid: "k1" })}.${b64(claims())}`;
    const pem = publicKey.export({ format: "pem", type: "spki" });
    const hs = `${hsInput}.${createHmac("sha256", pem).update(hsInput).digest("base64url")}`;
    expect(await refusal(hs)).toBe("malformed");
    expect(await refusal(signed(claims(), { header: { alg: "ES384", kid: "k1" } }))).toBe(
      "malformed",
    );
  });

  it("refuses critical header parameters it does not understand", async () => {
    const header = { alg: "ES256", kid: "k1", crit: ["b64"], b64: false };
    expect(await refusal(signed(claims(), { header }))).toBe("malformed");
  });

  it("refuses a DER-encoded signature (JWS signatures are raw r‖s)", async () => {
    expect(await refusal(signed(claims(), { dsaEncoding: "der" }))).toBe("signature");
  });

  it("refuses anything but three base64url segments", async () => {
    const token = signed(claims());
    expect(await refusal(token.split(".").slice(0, 2).join("."))).toBe("malformed");
    expect(await refusal(`${token}.extra`)).toBe("malformed");
    expect(await refusal(token.replace(".", ".="))).toBe("malformed");
    expect(await refusal(`${b64("not json")}.${b64(claims())}.AAAA`)).toBe("malformed");
  });

  it("refuses a payload that is not a JSON object", async () => {
    expect(await refusal(signed([claims()]))).toBe("malformed");
    expect(await refusal(signed("just a string"))).toBe("malformed");
  });

  it("refuses the wrong issuer or audience", async () => {
    expect(await refusal(signed(claims({ iss: "someone-else" })))).toBe("claims");
    expect(await refusal(signed(claims({ aud: "other" })))).toBe("claims");
    expect(await refusal(signed(claims({ aud: undefined })))).toBe("claims");
  });

  it("needs sub, iat and exp, as their types", async () => {
    expect(await refusal(signed(claims({ sub: undefined })))).toBe("claims");
    expect(await refusal(signed(claims({ iat: undefined })))).toBe("claims");
    expect(await refusal(signed(claims({ exp: undefined })))).toBe("claims");
    expect(await refusal(signed(claims({ exp: String(nowSeconds + 60) })))).toBe("claims");
    expect(await refusal(signed(claims({ nbf: "soon" })))).toBe("claims");
  });

  it("honours exp, nbf and iat with the clock tolerance", async () => {
    expect(await refusal(signed(claims({ exp: nowSeconds - 6 })))).toBe("expired");
    expect(await refusal(signed(claims({ exp: nowSeconds - 4 })))).toBe("accepted");
    expect(await refusal(signed(claims({ nbf: nowSeconds + 60 })))).toBe("claims");
    expect(await refusal(signed(claims({ nbf: nowSeconds + 4 })))).toBe("accepted");
    expect(await refusal(signed(claims({ iat: nowSeconds + 60 })))).toBe("claims");
  });

  it("passes the header to the key lookup and lets its failure through", async () => {
    const seen: unknown[] = [];
    const lookupFailure = new Error("no key for kid k9");
    await expect(
      verifyEs256Jwt(signed(claims(), { header: { alg: "ES256", kid: "k9" } }), {
        getKey: (header) => {
          seen.push(header);
          return Promise.reject(lookupFailure);
        },
        issuer: "marquee-identity",
        audience: "marquee",
        clockToleranceSeconds: 5,
        now: () => NOW,
      }),
    ).rejects.toBe(lookupFailure);
    expect(seen).toEqual([{ alg: "ES256", kid: "k9" }]);
  });
});
