import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATA_DIR = path.join(ROOT, ".data");
export const BIN = path.join(ROOT, "node_modules", ".bin");
export const bin = (name) => path.join(BIN, name);
