import { describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import { loadConfig, LOCAL_DOOR_LIST_SIGNING_KEY, LOCAL_TICKET_SIGNING_KEY } from "./config";

const doorKey = generateKeyPairSync("ec", { namedCurve: "P-256" })
  .privateKey.export({ format: "der", type: "pkcs8" })
  .toString("base64");

describe("fulfillment config", () => {
  it("runs below the purchase path's CPU priority unless CPU_NICE says otherwise", () => {
    expect(loadConfig({}).CPU_NICE).toBe(10);
    expect(loadConfig({ CPU_NICE: "0" }).CPU_NICE).toBe(0);
  });

  it("uses the documented local signing key outside production", () => {
    expect(loadConfig({}).TICKET_SIGNING_KEY).toBe(LOCAL_TICKET_SIGNING_KEY);
  });

  it("refuses to start in production without a signing key of its own", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DOOR_LIST_SIGNING_KEY: doorKey })).toThrow(
      /TICKET_SIGNING_KEY/,
    );
    const key = "a-production-secret-of-at-least-32-characters";
    expect(
      loadConfig({
        NODE_ENV: "production",
        TICKET_SIGNING_KEY: key,
        DOOR_LIST_SIGNING_KEY: doorKey,
      }).TICKET_SIGNING_KEY,
    ).toBe(key);
  });

  it("signs door lists with the documented local key outside production, never in production", () => {
    expect(loadConfig({}).DOOR_LIST_SIGNING_KEY).toBe(LOCAL_DOOR_LIST_SIGNING_KEY);
    const key = "a-production-secret-of-at-least-32-characters";
    expect(() => loadConfig({ NODE_ENV: "production", TICKET_SIGNING_KEY: key })).toThrow(
      /DOOR_LIST_SIGNING_KEY/,
    );
  });

  it("refuses a short key", () => {
    expect(() => loadConfig({ TICKET_SIGNING_KEY: "short" })).toThrow(/TICKET_SIGNING_KEY/);
  });
});
