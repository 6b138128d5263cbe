import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("notification config", () => {
  it("runs with no environment at all, against MailDev on 1025", () => {
    expect(loadConfig({})).toMatchObject({
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: 1025,
      SMTP_SECURE: false,
    });
  });

  it("runs below the purchase path's CPU priority unless CPU_NICE says otherwise", () => {
    expect(loadConfig({}).CPU_NICE).toBe(10);
    expect(loadConfig({ CPU_NICE: "0" }).CPU_NICE).toBe(0);
  });

  it("names every bad variable in one error", () => {
    expect(() =>
      loadConfig({ SMTP_PORT: "smtp", SMTP_USER: "mailer", SMTP_SECURE: "yes" }),
    ).toThrow(/SMTP_PORT[\s\S]*SMTP_SECURE/);
    expect(() => loadConfig({ SMTP_USER: "mailer" })).toThrow(/SMTP_PASSWORD/);
  });
});
