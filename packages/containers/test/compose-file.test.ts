import { describe, expect, it } from "vitest";
import { allTopics, deadLetterTopic, TOPIC_PARTITIONS } from "@marquee/events/topics";
import {
  commandText,
  environmentOf,
  healthcheckCommand,
  loadComposeFile,
  type ComposeService,
} from "../src/compose-file";
import { DESIGN_PORTS, INFRASTRUCTURE_PORTS, JOBS, PUBLISHED_PORTS } from "../src/design";
import { listServices, readRepoFile, recipeOf, webApp } from "../src/repository";

const compose = loadComposeFile();
const services = listServices();
const deployables = [...services, webApp()];
const INFRASTRUCTURE = Object.keys(INFRASTRUCTURE_PORTS);

const serviceNamed = (name: string): ComposeService => {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
};

const isJob = (name: string): boolean => (JOBS as readonly string[]).includes(name);

describe("docker-compose.yml", () => {
  it("runs the seven services of the design, the web app, the infrastructure and both jobs", () => {
    expect(services.map((s) => s.name).sort()).toEqual(
      Object.keys(DESIGN_PORTS)
        .filter((name) => name !== "web")
        .sort(),
    );
    expect(Object.keys(compose.services).sort()).toEqual(
      [...deployables.map((d) => d.name), ...INFRASTRUCTURE, ...JOBS].sort(),
    );
  });

  it("uses postgres 16, redis 7, maildev and the Kafka 3.9 release the local broker runs", () => {
    const localKafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
      readRepoFile("infra/kafka/pom.xml"),
    )?.[1];
    expect(localKafka).toMatch(/^3\.9\.\d+$/);
    expect(serviceNamed("postgres").image).toBe("postgres:16");
    expect(serviceNamed("redis").image).toBe("redis:7");
    expect(serviceNamed("kafka").image).toBe(`apache/kafka:${localKafka}`);
    expect(serviceNamed("kafka-topics").image).toBe(`apache/kafka:${localKafka}`);
    expect(serviceNamed("maildev").image).toMatch(/^maildev\/maildev:\d+\.\d+\.\d+$/);
  });

  it("runs Kafka as one KRaft node, broker and controller, without topic auto-creation", () => {
    const env = environmentOf(serviceNamed("kafka"));
    expect(env.KAFKA_PROCESS_ROLES).toBe("broker,controller");
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:9093`);
    expect(env.KAFKA_ADVERTISED_LISTENERS).toBe("PLAINTEXT://kafka:9092");
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe("false");
  });

  it.each(deployables)(
    "builds $name from its recipe and build arguments, with the repository root as context",
    (deployable) => {
      const { dockerfile, args } = recipeOf(deployable);
      const build = serviceNamed(deployable.name).build;
      expect({ ...build, args: build?.args ?? {} }).toEqual({ context: ".", dockerfile, args });
    },
  );

  it.each(deployables)(
    "gives $name its port from the list of services (PORT, expose)",
    ({ name, port }) => {
      expect(port).toBe(DESIGN_PORTS[name]);
      const service = serviceNamed(name);
      if (name === "web") return;
      expect(environmentOf(service).PORT).toBe(String(port));
      expect(service.expose?.map(String)).toEqual([String(port)]);
    },
  );

  it("agrees with the ports in the README's table of what runs", () => {
    const readme = readRepoFile("README.md");
    const listed = Object.fromEntries(
      // Cells may be padded (the README is formatted by Prettier).
      [...readme.matchAll(/^\| ([a-z]+)(?: \([^)]*\))? *\| (\d{4}) *\|/gm)].map((m) => [
        m[1]!,
        Number(m[2]),
      ]),
    );
    expect(listed).toEqual(DESIGN_PORTS);
  });

  it("publishes only the storefront, the mail viewer and Zipkin on the host", () => {
    const published = Object.fromEntries(
      Object.entries(compose.services)
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name, service]) => [name, (service.ports ?? []).join(" ")]),
    );
    expect(published).toEqual(PUBLISHED_PORTS);
  });

  it("checks the health of every container that keeps running", () => {
    const longRunning = Object.keys(compose.services).filter((name) => !isJob(name));
    const withoutHealthcheck = longRunning.filter(
      (name) => !healthcheckCommand(serviceNamed(name)),
    );
    expect(withoutHealthcheck).toEqual([]);
    for (const job of JOBS) expect(serviceNamed(job).restart).toBe("no");
  });

  it.each(deployables)(
    "asks $name itself whether it is ready, on its own port",
    ({ name, port }) => {
      const path = name === "web" ? "/api/health" : "/readyz";
      expect(healthcheckCommand(serviceNamed(name))).toContain(`http://127.0.0.1:${port}${path}`);
    },
  );

  it("starts a container only once what it depends on is healthy, or done for a job", () => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = isJob(dependency) ? "service_completed_successfully" : "service_healthy";
        if (!compose.services[dependency])
          problems.push(`${name} depends on unknown ${dependency}`);
        else if (condition !== expected)
          problems.push(`${name} waits for ${dependency} with ${condition}, not ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("starts the services after the infrastructure and the set-up job, and the web app last", () => {
    const dependencies = (name: string) => Object.keys(serviceNamed(name).depends_on ?? {});
    for (const { name } of services)
      expect(dependencies(name)).toEqual(
        expect.arrayContaining(["postgres", "redis", "kafka", "setup"]),
      );
    expect(dependencies("web")).toEqual(expect.arrayContaining(services.map((s) => s.name)));
    expect(dependencies("setup")).toEqual(expect.arrayContaining(["postgres", "kafka-topics"]));
    expect(dependencies("kafka-topics")).toEqual(["kafka"]);
  });

  it("has no dependency cycle", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, path: string[]): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`dependency cycle: ${[...path, name].join(" -> ")}`);
      visiting.add(name);
      for (const dependency of Object.keys(compose.services[name]?.depends_on ?? {}))
        visit(dependency, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(compose.services)) visit(name, []);
    expect(done.size).toBe(Object.keys(compose.services).length);
  });

  it("creates every topic of packages/events and its dead-letter topic, with the same partitions", () => {
    const script = commandText(serviceNamed("kafka-topics"));
    const loop = /for topic in ([^;]+);/.exec(script)?.[1]?.trim().split(/\s+/);
    expect(loop?.sort()).toEqual([...allTopics].sort());
    // Each topic of the loop is created as itself and as its dead-letter topic.
    expect(script).toContain(`for name in "$topic" "${deadLetterTopic("$topic")}"`);
    expect(script).toContain(`--topic "$name" --partitions ${TOPIC_PARTITIONS}`);
    expect(script).toContain("--if-not-exists");
    expect(script).toMatch(/^\s*set -e$/m);
  });

  it("gives the set-up job every variable scripts/prepare.ts reads", () => {
    const read = [
      ...readRepoFile("scripts/prepare.ts").matchAll(/process\.env\.([A-Z0-9_]+)/g),
    ].map((match) => match[1]!);
    expect(read.length).toBeGreaterThan(0);
    const declared = Object.keys(serviceNamed("setup").environment ?? {});
    expect(declared).toEqual(expect.arrayContaining([...new Set(read)]));
  });
});
