import { join } from "node:path";
import { allTopics, deadLetterTopic, TOPIC_PARTITIONS } from "@marquee/events/topics";
import { describe, expect, it } from "vitest";
import {
  addressesIn,
  isLoopback,
  isLoopbackValue,
  loadConfigSchema,
  loadWebServerEnv,
  parseWith,
} from "../src/config-environment";
import { DESIGN_PORTS } from "../src/design";
import {
  configMapsOf,
  containerOf,
  environmentOf,
  looksSecret,
  passwordIn,
  type Container,
} from "../src/kubernetes-environment";
import { schemaProblems } from "../src/kubernetes-schemas";
import { kustomizeBuild, podContainers, type Manifest } from "../src/kustomize";
import { listServices, readRepoFile, ROOT, webApp } from "../src/repository";

// infra/k8s as `kustomize build` renders it, held to the code: the list of services and ports,
// each service's config schema, the topics of packages/events and what scripts/prepare.ts reads.

const OVERLAY = "infra/k8s/overlays/production";
const manifests = kustomizeBuild(join(ROOT, OVERLAY));
const base = kustomizeBuild(join(ROOT, "infra/k8s/base"));
const services = listServices();
const deployables = [...services, webApp()];
const configMaps = configMapsOf(manifests);

/**
 * Services the platform runs beside these manifests (infra/k8s/README.md): Redis and an SMTP
 * relay, in the same namespace.
 */
const PLATFORM_SERVICES: Readonly<Record<string, readonly number[]>> = {
  redis: [6379],
  smtp: [587],
};

const only = (kind: string): Manifest[] => manifests.filter((m) => m.kind === kind);

const named = (kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${OVERLAY} renders no ${kind} named ${name}`);
  return found;
};

const spec = (manifest: Manifest): Record<string, unknown> =>
  (manifest.spec ?? {}) as Record<string, unknown>;

const [cluster] = only("Cluster");
const [pooler] = only("Pooler");
const [kafka] = only("Kafka");

/** What the operators create from their resources: Services other pods reach. */
const operatorServices = (): Map<string, readonly number[]> =>
  new Map<string, readonly number[]>([
    ...only("Cluster").map((c) => [`${c.metadata.name}-rw`, [5432]] as const),
    ...only("Pooler").map((p) => [p.metadata.name, [5432]] as const),
    ...only("Kafka").map((k) => [`${k.metadata.name}-kafka-bootstrap`, [9092]] as const),
  ]);

/** Every host another pod may reach, and on which ports. */
const reachable = (): Map<string, readonly number[]> =>
  new Map([
    ...only("Service").map((service) => {
      const ports = (spec(service).ports ?? []) as Array<{ port: number }>;
      return [service.metadata.name, ports.map((p) => p.port)] as const;
    }),
    ...operatorServices(),
    ...Object.entries(PLATFORM_SERVICES),
  ]);

/** A secret's stand-in: letters only, so it fits in a URL and passes the configs' length rules. */
const secretValue = (name: string, key: string) =>
  `${name}${key}`
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .padEnd(64, "x");

/** The storefront's public address, which the browser opens: no Service of the cluster. */
const BROWSER_FACING = ["WEB_URL", "NEXTAUTH_URL"];

/**
 * Values of a parsed configuration (defaults included, so a new variable with a local default is
 * caught) that point at the pod itself or at a host the cluster does not have.
 */
const addressProblems = (values: Record<string, unknown>): string[] => {
  const hosts = reachable();
  return Object.entries(values).flatMap(([variable, value]) =>
    BROWSER_FACING.includes(variable)
      ? []
      : isLoopbackValue(value)
        ? [`${variable} is ${String(value)}: the pod itself`]
        : addressesIn(value).flatMap(({ host, port }) => {
            if (isLoopback(host)) return [`${variable} points at ${host}: the pod itself`];
            const ports = hosts.get(host);
            if (!ports) return [`${variable} points at ${host}, which no Service is`];
            if (port !== undefined && !ports.includes(port))
              return [`${variable} reaches ${host} on ${port}; it listens on ${ports.join(", ")}`];
            return [];
          }),
  );
};

const probe = (container: Container, which: string) =>
  container[which] as { httpGet?: { path: string; port: number | string } } | undefined;

/** The container port a probe or a Service's targetPort names (by name or number). */
const resolvePort = (container: Container, port: number | string | undefined) => {
  const ports = (container.ports ?? []) as Array<{ name?: string; containerPort: number }>;
  return typeof port === "number" ? port : ports.find((p) => p.name === port)?.containerPort;
};

const selects = (selector: unknown, labels: unknown): boolean => {
  const matchLabels =
    (selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ??
    (selector as Record<string, string> | undefined);
  if (!matchLabels || Object.keys(matchLabels).length === 0) return false;
  return Object.entries(matchLabels).every(
    ([key, value]) => (labels as Record<string, string> | undefined)?.[key] === value,
  );
};

const podLabels = (deployment: Manifest) =>
  (spec(deployment).template as { metadata?: { labels?: Record<string, string> } }).metadata
    ?.labels;

/** The Deployments whose pods a selector picks. */
const selected = (selector: unknown): string[] =>
  only("Deployment")
    .filter((deployment) => selects(selector, podLabels(deployment)))
    .map((deployment) => deployment.metadata.name);

describe("infra/k8s", () => {
  it("renders the production overlay, every document valid against its schema", () => {
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.flatMap(schemaProblems)).toEqual([]);
    expect(base.flatMap(schemaProblems)).toEqual([]);
  });

  it("runs everything in the overlay's namespace and holds no Secret", () => {
    const namespaces = new Set(manifests.map((m) => m.metadata.namespace));
    expect([...namespaces]).toEqual(["marquee"]);
    expect(manifests.filter((m) => m.kind === "Secret").map((m) => m.metadata.name)).toEqual([]);
  });

  it("keeps secrets out of every ConfigMap, even ones a Secret overrides", () => {
    const exposed = [...configMaps].flatMap(([name, data]) =>
      Object.entries(data).flatMap(([key, value]) => {
        if (looksSecret(key)) return [`${name} holds ${key}`];
        return passwordIn(value) === undefined ? [] : [`${name} holds a password in ${key}`];
      }),
    );
    expect(exposed).toEqual([]);
  });

  describe.each(deployables)("$name", ({ name, port }) => {
    const isWeb = name === "web";
    const deployment = named("Deployment", name);
    const container = containerOf(deployment);

    it(`runs a Deployment with a Service, a PodDisruptionBudget and an autoscaler on port ${port}`, () => {
      expect(port).toBe(DESIGN_PORTS[name]);
      expect(selects(spec(deployment).selector, podLabels(deployment))).toBe(true);
      const ports = (container.ports ?? []) as Array<{ name?: string; containerPort: number }>;
      expect(ports).toEqual([{ name: "http", containerPort: port }]);

      const service = named("Service", name);
      expect(selected(spec(service).selector)).toEqual([name]);
      const servicePorts = spec(service).ports as Array<{ port: number; targetPort: unknown }>;
      expect(servicePorts.map((p) => p.port)).toEqual([port]);
      expect(servicePorts.map((p) => resolvePort(container, p.targetPort as string))).toEqual([
        port,
      ]);

      const budget = named("PodDisruptionBudget", name);
      expect(selected(spec(budget).selector)).toEqual([name]);

      const autoscaler = spec(named("HorizontalPodAutoscaler", name));
      expect(autoscaler.scaleTargetRef).toEqual({
        apiVersion: "apps/v1",
        kind: "Deployment",
        name,
      });
      // Two pods at least, so a disruption budget of one leaves one serving.
      expect(autoscaler.minReplicas).toBeGreaterThanOrEqual(2);
      // The autoscaler owns the count; a replicas field would reset it on every apply.
      expect(spec(deployment).replicas).toBeUndefined();
    });

    it(`is ready on ${isWeb ? "/api/health" : "/readyz"} and alive on ${isWeb ? "/api/health" : "/healthz"}, on its own port`, () => {
      const readiness = probe(container, "readinessProbe")?.httpGet;
      const liveness = probe(container, "livenessProbe")?.httpGet;
      expect(readiness?.path).toBe(isWeb ? "/api/health" : "/readyz");
      expect(liveness?.path).toBe(isWeb ? "/api/health" : "/healthz");
      for (const which of ["startupProbe", "readinessProbe", "livenessProbe"]) {
        const httpGet = probe(container, which)?.httpGet;
        expect([which, resolvePort(container, httpGet?.port)]).toEqual([which, port]);
      }
    });

    it("asks for CPU and memory and is limited in both, as a non-root user", () => {
      const resources = container.resources as
        { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined;
      expect(Object.keys(resources?.requests ?? {}).sort()).toEqual(["cpu", "memory"]);
      expect(Object.keys(resources?.limits ?? {}).sort()).toEqual(["cpu", "memory"]);
      const pod = (spec(deployment).template as { spec: Record<string, unknown> }).spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false });
    });

    it(`runs the ${name} image at the tag the overlay sets`, () => {
      const inBase = base.find((m) => m.kind === "Deployment" && m.metadata.name === name);
      expect(inBase && containerOf(inBase).image).toBe(`marquee-${name}`);
      expect(container.image).toMatch(new RegExp(`^[a-z0-9.-]+/[a-z0-9/-]+/${name}:[\\w.-]+$`));
      expect(container.image).not.toMatch(/:latest$/);
    });

    it("gets secrets only from Secrets, never as a value or from a ConfigMap", () => {
      const { sources } = environmentOf(container, configMaps, secretValue);
      const exposed = Object.entries(sources)
        .filter(([variable, source]) => looksSecret(variable) && source.from !== "secret")
        .map(([variable, source]) => `${variable} from ${source.from}`);
      expect(exposed).toEqual([]);
      // A password in a URL is a $(VARIABLE) the kubelet fills from a Secret.
      const raw = [
        ...container.env.flatMap((v) => (v.value === undefined ? [] : [[v.name, v.value]])),
        ...container.envFrom.flatMap((from) =>
          Object.entries(configMaps.get(from.configMapRef?.name ?? "") ?? {}),
        ),
      ];
      const inline = raw.flatMap(([variable, value]) => {
        const password = passwordIn(value!);
        if (password === undefined) return [];
        const ref = /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(password)?.[1];
        return ref && sources[ref]?.from === "secret" ? [] : [`${variable} holds a password`];
      });
      expect(inline).toEqual([]);
    });
  });

  it.each(services)(
    "gives $name every variable its config needs in production, reaching Services that exist",
    async ({ name, dir }) => {
      const schema = await loadConfigSchema(dir, name);
      const { values, problems } = environmentOf(
        containerOf(named("Deployment", name)),
        configMaps,
        secretValue,
      );
      expect(problems).toEqual([]);
      const parsed = parseWith(schema, values);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      if (!parsed.ok) return;
      expect(parsed.values.NODE_ENV).toBe("production");
      expect(parsed.values.HOST).toBe("0.0.0.0");
      expect(parsed.values.PORT).toBe(DESIGN_PORTS[name]);
      expect(addressProblems(parsed.values)).toEqual([]);
      // Through PgBouncer, into the database the cluster creates.
      const database = new URL(values.DATABASE_URL ?? "");
      expect(database.hostname).toBe(pooler?.metadata.name);
      const initdb = (spec(cluster!).bootstrap as { initdb: { database: string } }).initdb;
      expect(database.pathname).toBe(`/${initdb.database}`);
    },
  );

  it("gives identity its signing keys from a Secret, so every pod signs with the same ones", () => {
    const { sources } = environmentOf(
      containerOf(named("Deployment", "identity")),
      configMaps,
      secretValue,
    );
    expect(sources.JWT_KEYS?.from).toBe("secret");
  });

  it("gives the web its settings and a session secret from a Secret, reaching the services", async () => {
    const { values, sources, problems } = environmentOf(
      containerOf(named("Deployment", "web")),
      configMaps,
      secretValue,
    );
    expect(problems).toEqual([]);
    expect(sources.NEXTAUTH_SECRET?.from).toBe("secret");
    const parsed = await loadWebServerEnv(values);
    expect(parsed.NODE_ENV).toBe("production");
    expect(parsed.PORT).toBe(DESIGN_PORTS.web);
    expect(addressProblems(parsed)).toEqual([]);
    // The browser's address of the storefront, the one links in emails point at too.
    const notification = environmentOf(
      containerOf(named("Deployment", "notification")),
      configMaps,
      secretValue,
    ).values;
    expect(values.NEXTAUTH_URL).toMatch(/^https:\/\//);
    expect(notification.WEB_URL).toBe(values.NEXTAUTH_URL);
  });

  it("declares every topic of packages/events and its dead-letter topic, with the code's partitions", () => {
    const topics = only("KafkaTopic").map((topic) => {
      const { topicName, partitions } = spec(topic) as { topicName?: string; partitions?: number };
      return {
        name: topicName ?? topic.metadata.name,
        partitions,
        cluster: (topic.metadata.labels as Record<string, string> | undefined)?.[
          "strimzi.io/cluster"
        ],
      };
    });
    const wanted = allTopics.flatMap((topic) => [topic, deadLetterTopic(topic)]).sort();
    expect(topics.map((t) => t.name).sort()).toEqual(wanted);
    for (const topic of topics)
      expect(topic).toEqual({
        name: topic.name,
        partitions: TOPIC_PARTITIONS,
        cluster: kafka?.metadata.name,
      });
  });

  it("runs Kafka at the local broker's version, without topic auto-creation", () => {
    const localKafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
      readRepoFile("infra/kafka/pom.xml"),
    )?.[1];
    const settings = (spec(kafka!).kafka ?? {}) as {
      version?: string;
      config?: Record<string, unknown>;
    };
    expect(settings.version).toBe(localKafka);
    expect(settings.config?.["auto.create.topics.enable"]).toBe(false);
  });

  it("pools the services' connections with PgBouncer in transaction mode", () => {
    expect(only("Cluster")).toHaveLength(1);
    expect(only("Pooler")).toHaveLength(1);
    const pool = spec(pooler!) as {
      cluster: { name: string };
      type: string;
      pgbouncer: { poolMode: string };
    };
    expect(pool.cluster.name).toBe(cluster?.metadata.name);
    expect(pool.type).toBe("rw");
    expect(pool.pgbouncer.poolMode).toBe("transaction");
  });

  it("runs scripts/prepare.ts as a Job with every variable it reads, migrating on the primary", () => {
    const job = named("Job", "setup");
    const container = containerOf(job);
    expect(containerOf(base.find((m) => m.kind === "Job")!).image).toBe("marquee-setup");
    const { values, problems } = environmentOf(container, configMaps, secretValue);
    expect(problems).toEqual([]);
    const read = [
      ...readRepoFile("scripts/prepare.ts").matchAll(/process\.env\.([A-Z0-9_]+)/g),
    ].map((match) => match[1]!);
    expect(read.length).toBeGreaterThan(0);
    expect(Object.keys(values)).toEqual(expect.arrayContaining([...new Set(read)]));
    expect(new URL(values.DATABASE_URL ?? "").hostname).toBe(`${cluster?.metadata.name}-rw`);
    expect(addressProblems(values)).toEqual([]);
    const resources = container.resources as { requests?: object; limits?: object } | undefined;
    expect(resources?.requests).toBeDefined();
    expect(resources?.limits).toBeDefined();
    expect(podContainers(job)).toHaveLength(1);
  });
});
