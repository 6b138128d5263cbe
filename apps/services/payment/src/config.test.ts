import { describe, expect, it } from "vitest";
import { loadConfig, LOCAL_REQUEST_HASH_SECRET } from "./config";

describe("payment config", () => {
  it("uses the documented local secret outside production and refuses it in production", () => {
    expect(loadConfig({}).REQUEST_HASH_SECRET).toBe(LOCAL_REQUEST_HASH_SECRET);
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/REQUEST_HASH_SECRET/);
    const secret = "a-production-secret-of-enough-length";
    expect(
      loadConfig({ NODE_ENV: "production", REQUEST_HASH_SECRET: secret }).REQUEST_HASH_SECRET,
    ).toBe(secret);
  });

  it("names the latency bound that is out of order", () => {
    expect(() =>
      loadConfig({ GATEWAY_MIN_LATENCY_MS: "500", GATEWAY_MAX_LATENCY_MS: "100" }),
    ).toThrow(/GATEWAY_MAX_LATENCY_MS/);
  });
});
