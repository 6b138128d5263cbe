import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

describe("the content security policy", () => {
  const production = directives(contentSecurityPolicy("abc123", { dev: false }));

  it("runs only scripts carrying this response's nonce, and never evaluates strings", () => {
    const scripts = production.get("script-src") ?? [];
    expect(scripts).toContain("'nonce-abc123'");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    // WebAssembly compilation only, for the check-in desk's QR decoder.
    expect(scripts).toContain("'wasm-unsafe-eval'");
  });

  it("lets no site frame the pages, and no plugin or base URL in", () => {
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'none'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.get("default-src")).toEqual(["'self'"]);
  });

  it("lets the check-in desk's service worker and the app's own workers run, from the site only", () => {
    expect(production.get("worker-src")).toContain("'self'");
    expect(production.get("worker-src")).not.toContain("*");
  });

  it("allows next dev its evaluation and HMR socket only in development", () => {
    const dev = directives(contentSecurityPolicy("abc123", { dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws:");
    expect(production.get("connect-src")).toEqual(["'self'"]);
  });
});

describe("securityHeaders", () => {
  it("sets every header the site relies on", () => {
    const headers = securityHeaders("abc123", { dev: false });
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // The check-in desk scans with the camera; nothing embedded or elsewhere may use it.
    expect(headers["permissions-policy"]).toContain("camera=(self)");
    expect(headers["permissions-policy"]).toContain("microphone=()");
    expect(headers["content-security-policy"]).toContain("'nonce-abc123'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits, base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, newNonce));
    expect(nonces.size).toBe(1_000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
