import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";

/** The public half of the door-list key as a JWK (EC P-256), what a door device verifies with. */
export type DoorListPublicKey = { kid: string; kty: "EC"; crv: "P-256"; x: string; y: string };

export type DoorListKey = {
  publicKey: DoorListPublicKey;
  /** ES256 over the payload's UTF-8 bytes, as IEEE P1363 (r ‖ s) in base64url: WebCrypto's form. */
  sign(payload: string): string;
};

const readPrivateKey = (configured: string): KeyObject => {
  const text = configured.trim();
  return text.startsWith("-----BEGIN")
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
};

/**
 * Reads `DOOR_LIST_SIGNING_KEY` (an EC P-256 private key, PKCS#8 DER in base64 or PEM). Its `kid`
 * is the first 16 characters of the base64url sha256 of the public key's SPKI.
 */
export const loadDoorListKey = (configured: string): DoorListKey => {
  let privateKey: KeyObject;
  try {
    privateKey = readPrivateKey(configured);
  } catch {
    throw new Error("DOOR_LIST_SIGNING_KEY is not a private key (PKCS#8 DER in base64, or PEM)");
  }
  const details = privateKey.asymmetricKeyDetails;
  if (privateKey.asymmetricKeyType !== "ec" || details?.namedCurve !== "prime256v1") {
    throw new Error("DOOR_LIST_SIGNING_KEY must be an EC P-256 key (ES256)");
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" });
  const kid = createHash("sha256")
    .update(publicKey.export({ format: "der", type: "spki" }))
    .digest("base64url")
    .slice(0, 16);
  return {
    publicKey: { kid, kty: "EC", crv: "P-256", x: jwk.x!, y: jwk.y! },
    sign: (payload) =>
      sign("sha256", Buffer.from(payload, "utf8"), {
        key: privateKey,
        dsaEncoding: "ieee-p1363",
      }).toString("base64url"),
  };
};
