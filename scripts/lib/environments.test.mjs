import { afterEach, describe, expect, it, vi } from "vitest";

const PORT_VARIABLES = [
  "WEB_PORT",
  "KAFKA_PORT",
  "KAFKA_CONTROLLER_PORT",
  "SMTP_PORT",
  "MAILDEV_WEB_PORT",
];

/** environments.mjs as a fresh import under `env`, every port variable otherwise unset. */
const load = async (env = {}) => {
  for (const prefix of ["", "TEST_", "BENCH_"])
    for (const variable of PORT_VARIABLES) vi.stubEnv(`${prefix}${variable}`, "");
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return import("./environments.mjs");
};

afterEach(() => {
  vi.unstubAllEnvs();
});

const portsOf = (environment) => [
  environment.web.port,
  ...environment.services.map((service) => service.port),
  environment.kafka.port,
  environment.kafka.controllerPort,
  environment.pgbouncer.port,
  environment.smtp.port,
  environment.smtp.webPort,
  environment.zipkin.port,
];

const portOfUrl = (url) => Number(new URL(url).port);

describe("the local environments", () => {
  it("run development on the design's ports (packages/service/src/ports.json)", async () => {
    const { environments } = await load();
    expect(environments.dev.web.port).toBe(3000);
    expect(environments.dev.services.map(({ name, port }) => [name, port])).toEqual([
      ["identity", 5000],
      ["catalog", 5001],
      ["inventory", 5002],
      ["ordering", 5003],
      ["payment", 5004],
      ["fulfillment", 5005],
      ["notification", 5006],
    ]);
  });

  it("give the test and bench stacks ports of their own, none shared with another stack", async () => {
    const { environments } = await load();
    expect(environments.test.web.port).toBe(13000);
    expect(environments.test.services.map((service) => service.port)).toEqual([
      15000, 15001, 15002, 15003, 15004, 15005, 15006,
    ]);
    const all = Object.values(environments).flatMap(portsOf);
    expect(new Set(all).size).toBe(all.length);
  });

  it("point every process of the test stack at the test stack only", async () => {
    const { environments, serviceEnv } = await load();
    const test = environments.test;
    const env = serviceEnv(test);
    const urls = Object.entries(env).filter(
      ([name]) => name.endsWith("_URL") && /^https?:/.test(env[name]),
    );
    expect(urls.map(([name]) => name).sort()).toEqual(
      [
        ...test.services.map((service) => `${service.name.toUpperCase()}_URL`),
        "IDENTITY_JWKS_URL",
        "NEXTAUTH_URL",
        "WEB_URL",
        "ZIPKIN_URL",
      ].sort(),
    );
    for (const [name, url] of urls) expect(portsOf(test), name).toContain(portOfUrl(url));
    expect(env.INVENTORY_URL).toBe("http://127.0.0.1:15002");
    expect(env.IDENTITY_JWKS_URL).toBe("http://127.0.0.1:15000/.well-known/jwks.json");
    expect(env.NEXTAUTH_URL).toBe("http://localhost:13000");
    expect(env.KAFKA_BROKERS).toBe("127.0.0.1:19092");
    expect(env.ZIPKIN_URL).toBe("http://127.0.0.1:19411");
  });

  it("connect each service through the environment's PgBouncer as its own role, with no startup option", async () => {
    const { environments, serviceEnv, serviceEnvFor } = await load();
    expect(serviceEnv(environments.test)).not.toHaveProperty("DATABASE_URL");
    const inventory = serviceEnvFor(environments.test, "inventory");
    expect(inventory.DATABASE_URL).toBe(
      "postgresql://marquee_inventory@127.0.0.1:16432/marquee_test",
    );
    expect(inventory.KAFKA_BROKERS).toBe("127.0.0.1:19092");
    expect(serviceEnvFor(environments.dev, "ordering").DATABASE_URL).toBe(
      "postgresql://marquee_ordering@127.0.0.1:6432/marquee",
    );
  });

  it("move the test web to TEST_WEB_PORT, leaving the development web where it is", async () => {
    const { environments } = await load({ TEST_WEB_PORT: "13500" });
    expect(environments.test.web.port).toBe(13500);
    expect(environments.dev.web.port).toBe(3000);
  });

  it.each(["abc", "0", "70000", "3000.5"])("refuse TEST_WEB_PORT=%s, naming it", async (value) => {
    await expect(load({ TEST_WEB_PORT: value })).rejects.toThrow(
      `TEST_WEB_PORT must be a port number (1-65535), got "${value}"`,
    );
  });
});
