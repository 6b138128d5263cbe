import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readOrCreateSecret } from "./secret-file";

describe("readOrCreateSecret", () => {
  it("generates a secret once, owner-only, and reads the same one on every later start", () => {
    const path = join(mkdtempSync(join(tmpdir(), "web-secret-")), "volume", "nextauth-secret");
    const first = readOrCreateSecret(path);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecret(path)).toBe(first);
    expect(readFileSync(path, "utf8").trim()).toBe(first);
  });

  it("keeps a secret someone put there", () => {
    const path = join(mkdtempSync(join(tmpdir(), "web-secret-")), "nextauth-secret");
    writeFileSync(path, "a-secret-set-by-the-operator-of-this-host\n");
    expect(readOrCreateSecret(path)).toBe("a-secret-set-by-the-operator-of-this-host");
  });
});
