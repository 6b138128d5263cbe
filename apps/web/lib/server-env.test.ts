import { describe, expect, it } from "vitest";
import { DEV_NEXTAUTH_SECRET, parseServerEnv } from "./server-env";

const SECRET = "a-generated-secret-of-forty-three-characters";

describe("the web's environment", () => {
  it("refuses to start in production without a NEXTAUTH_SECRET, and says so", () => {
    expect(() => parseServerEnv({ NODE_ENV: "production" })).toThrow(
      /NEXTAUTH_SECRET: is required in production/,
    );
    expect(() => parseServerEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toThrow(
      /NEXTAUTH_SECRET/,
    );
  });

  it("refuses the published development secret in production", () => {
    expect(() =>
      parseServerEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: DEV_NEXTAUTH_SECRET }),
    ).toThrow(/NEXTAUTH_SECRET: is the published development default/);
  });

  it("refuses a short secret anywhere", () => {
    expect(() => parseServerEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("takes a secret of its own in production", () => {
    expect(
      parseServerEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }).NEXTAUTH_SECRET,
    ).toBe(SECRET);
  });

  it("lets next build load the app without the secret (it is checked when the server starts)", () => {
    expect(() =>
      parseServerEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }),
    ).not.toThrow();
  });

  it("keeps the development default outside production", () => {
    expect(parseServerEnv({}).NEXTAUTH_SECRET).toBe(DEV_NEXTAUTH_SECRET);
  });

  it("trusts no proxy by default and names a bad TRUSTED_PROXIES entry", () => {
    expect(parseServerEnv({}).TRUSTED_PROXIES.entries).toEqual([]);
    expect(() => parseServerEnv({ TRUSTED_PROXIES: "10.0.0.1,gateway" })).toThrow(
      /TRUSTED_PROXIES: "gateway" is not an IP address/,
    );
  });

  it("caps live seat-map streams at 20 per client unless LIVE_STREAMS_PER_CLIENT says otherwise", () => {
    expect(parseServerEnv({}).LIVE_STREAMS_PER_CLIENT).toBe(20);
    expect(parseServerEnv({ LIVE_STREAMS_PER_CLIENT: "5" }).LIVE_STREAMS_PER_CLIENT).toBe(5);
    expect(() => parseServerEnv({ LIVE_STREAMS_PER_CLIENT: "0" })).toThrow(
      /LIVE_STREAMS_PER_CLIENT/,
    );
    expect(() => parseServerEnv({ LIVE_STREAMS_PER_CLIENT: "many" })).toThrow(
      /LIVE_STREAMS_PER_CLIENT/,
    );
  });

  it("traces only with a Zipkin address, and names one that is not http(s)", () => {
    expect(parseServerEnv({}).ZIPKIN_URL).toBeUndefined();
    expect(parseServerEnv({ ZIPKIN_URL: "" }).ZIPKIN_URL).toBeUndefined();
    expect(parseServerEnv({ ZIPKIN_URL: "http://zipkin:9411" }).ZIPKIN_URL).toBe(
      "http://zipkin:9411",
    );
    expect(() => parseServerEnv({ ZIPKIN_URL: "zipkin:9411" })).toThrow(
      /ZIPKIN_URL: expected an http\(s\):\/\/ URL/,
    );
  });
});
