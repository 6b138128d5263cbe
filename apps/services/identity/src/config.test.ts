import { LOCAL_POW_HMAC_KEY } from "@marquee/service/proof-of-work";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("identity config", () => {
  it("uses the documented local proof-of-work key outside production", () => {
    expect(loadConfig({}).POW_HMAC_KEY).toBe(LOCAL_POW_HMAC_KEY);
  });

  it("refuses to start in production with the local proof-of-work key, naming the variable", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/POW_HMAC_KEY/);
    const key = "a-production-proof-of-work-key-of-32-chars";
    expect(loadConfig({ NODE_ENV: "production", POW_HMAC_KEY: key }).POW_HMAC_KEY).toBe(key);
  });
});
