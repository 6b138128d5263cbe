import { z } from "zod";
import { describe, expect, it } from "vitest";
import { baseConfigSchema, parseConfig, portSchema } from "../src/config";

const ServiceConfig = baseConfigSchema.extend({ PORT: portSchema(5002) });

describe("parseConfig", () => {
  it("runs on local defaults with an empty environment", () => {
    expect(parseConfig(ServiceConfig, {})).toEqual({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/marquee",
      REDIS_URL: "redis://127.0.0.1:6379",
      KAFKA_BROKERS: ["127.0.0.1:9092"],
      HOST: "127.0.0.1",
      IDENTITY_JWKS_URL: "http://127.0.0.1:5000/.well-known/jwks.json",
      JWT_ISSUER: "marquee-identity",
      JWT_AUDIENCE: "marquee",
      PROCESSES: 1,
      PORT: 5002,
    });
  });

  it("splits KAFKA_BROKERS on commas and coerces PORT", () => {
    const config = parseConfig(ServiceConfig, {
      KAFKA_BROKERS: "kafka-1:9092, kafka-2:9092,",
      PORT: "6100",
    });
    expect(config.KAFKA_BROKERS).toEqual(["kafka-1:9092", "kafka-2:9092"]);
    expect(config.PORT).toBe(6100);
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig(ServiceConfig, { LOG_LEVEL: "", PORT: "" })).toMatchObject({
      LOG_LEVEL: "info",
      PORT: 5002,
    });
  });

  it("lists every invalid variable by name in one error, without echoing values", () => {
    const parse = () =>
      parseConfig(ServiceConfig.extend({ SMTP_URL: z.url() }), {
        PORT: "eighty",
        LOG_LEVEL: "loud",
        DATABASE_URL: "mysql://root:s3cret@db/marquee",
        KAFKA_BROKERS: "kafka-1",
      });
    expect(parse).toThrow(/^Invalid environment configuration:/);
    let message = "";
    try {
      parse();
    } catch (error) {
      message = (error as Error).message;
    }
    const named = message
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, "").split(":")[0]);
    expect(named).toEqual(["LOG_LEVEL", "DATABASE_URL", "KAFKA_BROKERS[0]", "PORT", "SMTP_URL"]);
    expect(message).not.toContain("s3cret");
  });
});
