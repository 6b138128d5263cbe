import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "./paths.mjs";

// Secrets the services and the web refuse to run without in production (`npm start` runs them that way):
// generated once per checkout into a git-ignored file, so every local stack has its own and
// restarts keep them (tickets issued yesterday still verify today). Variables set in the
// environment win.
const FILE = path.join(DATA_DIR, "local-secrets.json");
const NAMES = [
  "NEXTAUTH_SECRET",
  "TICKET_SIGNING_KEY",
  "REQUEST_HASH_SECRET",
  "POW_HMAC_KEY",
  "ADMISSION_SIGNING_KEY",
  "DOOR_LIST_SIGNING_KEY",
];

// Most are random bytes; the door-list key is an EC P-256 private key (PKCS#8 DER in base64).
const generate = (name) =>
  name === "DOOR_LIST_SIGNING_KEY"
    ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        .privateKey.export({ format: "der", type: "pkcs8" })
        .toString("base64")
    : randomBytes(32).toString("base64url");

const readStored = () => {
  try {
    return JSON.parse(readFileSync(FILE, "utf8"));
  } catch {
    return {};
  }
};

export const localSecrets = () => {
  const stored = readStored();
  const missing = NAMES.filter((name) => typeof stored[name] !== "string");
  if (missing.length > 0) {
    for (const name of missing) stored[name] = generate(name);
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(FILE, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.fromEntries(NAMES.map((name) => [name, process.env[name] ?? stored[name]]));
};
