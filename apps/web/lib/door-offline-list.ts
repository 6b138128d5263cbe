// A check-in list's admissible tickets as a desk keeps them for working offline: signed by
// fulfillment (ES256), verified here before anything in it is trusted, and holding no code, only
// hashes a scanned code can be compared with (fulfillment's README: "Offline door lists").
import { z } from "zod";
import type { DoorListPublicKey, SignedDoorList } from "../server/door-shapes";

const DoorListTicket = z.object({
  shortCodeHash: z.string(),
  qrHash: z.string(),
  section: z.string(),
  row: z.string(),
  number: z.number(),
  checkedInAt: z.string().nullable(),
});
export type DoorListTicket = z.infer<typeof DoorListTicket>;

const DoorListPayload = z.object({
  format: z.literal("marquee-door-list/1"),
  listId: z.string(),
  listName: z.string(),
  eventId: z.string(),
  eventName: z.string(),
  timeZone: z.string(),
  sections: z.array(z.string()),
  issuedAt: z.string(),
  hashes: z.object({
    shortCode: z.object({
      algorithm: z.literal("PBKDF2-SHA256"),
      iterations: z.number().int().positive().max(1_000_000),
      salt: z.string(),
    }),
    qr: z.object({ algorithm: z.literal("SHA-256") }),
  }),
  tickets: z.array(DoorListTicket),
});
export type DoorListPayload = z.infer<typeof DoorListPayload>;

const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
};

const toBase64Url = (bytes: ArrayBuffer): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/**
 * The list's payload once its signature verifies with fulfillment's key (and it is the list asked
 * for); null for a list that was altered, signed by another key or is not a door list at all.
 */
export const verifyDoorList = async (
  signed: SignedDoorList,
  key: DoorListPublicKey,
  listId: string,
): Promise<DoorListPayload | null> => {
  if (signed.keyId !== key.kid) return null;
  try {
    const publicKey = await crypto.subtle.importKey(
      "jwk",
      { kty: key.kty, crv: key.crv, x: key.x, y: key.y, ext: true },
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const valid = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      publicKey,
      fromBase64Url(signed.signature),
      new TextEncoder().encode(signed.payload),
    );
    if (!valid) return null;
    const payload = DoorListPayload.safeParse(JSON.parse(signed.payload));
    return payload.success && payload.data.listId === listId ? payload.data : null;
  } catch {
    return null;
  }
};

/**
 * A typed short code as fulfillment stores it (any case, spaces and hyphens ignored, `I`/`L` read
 * as 1 and `O` as 0), or null when the input is not ten letters and digits (a QR's text).
 */
const asShortCode = (input: string): string | null => {
  const compact = input.replace(/[\s-]+/g, "").toUpperCase();
  if (!/^[0-9A-Z]{10}$/.test(compact)) return null;
  return compact.replace(/[IL]/g, "1").replace(/O/g, "0");
};

/** The list's ticket a scanned or typed code stands for, or null when the list has none. */
export const findDoorListTicket = async (
  payload: DoorListPayload,
  input: string,
): Promise<DoorListTicket | null> => {
  const code = input.trim();
  const shortCode = asShortCode(code);
  if (shortCode) {
    const { salt, iterations } = payload.hashes.shortCode;
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(shortCode),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: new TextEncoder().encode(salt), iterations },
      material,
      256,
    );
    const hash = toBase64Url(bits);
    return payload.tickets.find((ticket) => ticket.shortCodeHash === hash) ?? null;
  }
  const hash = toBase64Url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code)));
  return payload.tickets.find((ticket) => ticket.qrHash === hash) ?? null;
};
