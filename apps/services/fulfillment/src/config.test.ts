import { describe, expect, it } from "vitest";
import { loadConfig, LOCAL_TICKET_SIGNING_KEY } from "./config";

describe("fulfillment config", () => {
  it("uses the documented local signing key outside production", () => {
    expect(loadConfig({}).TICKET_SIGNING_KEY).toBe(LOCAL_TICKET_SIGNING_KEY);
  });

  it("refuses to start in production without a signing key of its own", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/TICKET_SIGNING_KEY/);
    const key = "a-production-secret-of-at-least-32-characters";
    expect(loadConfig({ NODE_ENV: "production", TICKET_SIGNING_KEY: key }).TICKET_SIGNING_KEY).toBe(
      key,
    );
  });

  it("refuses a short key", () => {
    expect(() => loadConfig({ TICKET_SIGNING_KEY: "short" })).toThrow(/TICKET_SIGNING_KEY/);
  });
});
