import { z } from "zod";
import { describe, expect, it } from "vitest";
import { baseConfigSchema, parseConfig, portSchema } from "../src/config";
import { edgeLimitsFor } from "../src/edge";

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
      CPU_NICE: 0,
      PROCESSES: 1,
      TRUSTED_PROXIES: [],
      MAX_BATCH_SIZE: 10,
      SHED_RETRY_AFTER_SECONDS: 5,
      PORT: 5002,
    });
  });

  it("reads TRUSTED_PROXIES as addresses, CIDRs and proxy-addr's range names", () => {
    const config = parseConfig(ServiceConfig, {
      TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8,::1,fd00::/8,uniquelocal",
    });
    expect(config.TRUSTED_PROXIES).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
      "uniquelocal",
    ]);
  });

  it.each(["true", "*", "10.0.0.0/33", "proxy.internal", "10.0.0.1/8/8"])(
    "refuses TRUSTED_PROXIES=%s, which names no address",
    (value) => {
      expect(() => parseConfig(ServiceConfig, { TRUSTED_PROXIES: value })).toThrow(
        /TRUSTED_PROXIES\[0\]: expected addresses or CIDRs/,
      );
    },
  );

  it("refuses the old TRUST_PROXY, naming its replacement, instead of ignoring it", () => {
    expect(() => parseConfig(ServiceConfig, { TRUST_PROXY: "true" })).toThrow(
      /TRUST_PROXY: replaced by TRUSTED_PROXIES/,
    );
  });

  it("refuses a batch cap outside 1 to 100 and a negative rate limit", () => {
    expect(() =>
      parseConfig(ServiceConfig, { MAX_BATCH_SIZE: "0", PUBLIC_MUTATIONS_PER_MINUTE: "-1" }),
    ).toThrow(
      /MAX_BATCH_SIZE: expected a whole number of calls from 1 to 100[\s\S]*PUBLIC_MUTATIONS_PER_MINUTE/,
    );
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

describe("edge limits from the configuration", () => {
  it("sheds load and limits public mutations by default, and neither under NODE_ENV=test", () => {
    const production = edgeLimitsFor(parseConfig(baseConfigSchema, { NODE_ENV: "production" }));
    expect(production.publicMutationsPerMinute).toBe(60);
    expect(production.shedding && production.shedding.maxEventLoopDelayMs).toBe(1_000);
    const test = edgeLimitsFor(parseConfig(baseConfigSchema, { NODE_ENV: "test" }));
    expect(test.publicMutationsPerMinute).toBe(0);
    expect(test.shedding && test.shedding.maxEventLoopDelayMs).toBe(0);
    const configured = edgeLimitsFor(
      parseConfig(baseConfigSchema, { NODE_ENV: "test", SHED_EVENT_LOOP_DELAY_MS: "250" }),
    );
    expect(configured.shedding && configured.shedding.maxEventLoopDelayMs).toBe(250);
  });
});
