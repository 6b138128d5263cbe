import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The web app's folder: Next's app, and server.ts, the front door it runs behind. */
export const WEB_DIR = path.join(ROOT, "apps", "web");
export const DATA_DIR = path.join(ROOT, ".data");
export const BIN = path.join(ROOT, "node_modules", ".bin");
export const bin = (name) => path.join(BIN, name);
