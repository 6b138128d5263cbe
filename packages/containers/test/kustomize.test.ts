import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { environmentOf, Container } from "../src/kubernetes-environment";
import { schemaProblems } from "../src/kubernetes-schemas";
import { kustomizeBuild, type Manifest } from "../src/kustomize";

let root: string | undefined;

/** A folder of files (path → text) under a fresh temporary directory. */
const tree = (files: Record<string, string>): string => {
  root = mkdtempSync(join(tmpdir(), "kustomize-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

const KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payment
spec:
  selector:
    matchLabels: { app: payment }
  template:
    metadata:
      labels: { app: payment }
    spec:
      containers:
        - name: payment
          image: marquee-payment
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: payment-config
data:
  PORT: "5004"
`;

const overlay = (body: string) => ({
  "base/kustomization.yaml": `${KUSTOMIZATION}resources:\n  - payment.yaml\n`,
  "base/payment.yaml": DEPLOYMENT,
  "overlay/kustomization.yaml": `${KUSTOMIZATION}resources:\n  - ../base\n${body}`,
});

const imageOf = (manifest: Manifest | undefined) =>
  (manifest?.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec
    .containers[0]?.image;

describe("kustomizeBuild", () => {
  it("renders folders through their kustomization, then applies patches, images and namespace", () => {
    const dir = tree(
      overlay(`namespace: marquee
images:
  - name: marquee-payment
    newName: registry.example.com/marquee/payment
    newTag: "1.2.3"
patches:
  - target: { kind: ConfigMap, name: payment-config }
    patch: |-
      - op: replace
        path: /data/PORT
        value: "6004"
      - op: add
        path: /data/LOG_LEVEL
        value: debug
`),
    );
    const manifests = kustomizeBuild(join(dir, "overlay"));
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      "Deployment/payment",
      "ConfigMap/payment-config",
    ]);
    expect(manifests.map((m) => m.metadata.namespace)).toEqual(["marquee", "marquee"]);
    expect(imageOf(manifests[0])).toBe("registry.example.com/marquee/payment:1.2.3");
    expect(manifests[1]?.data).toEqual({ PORT: "6004", LOG_LEVEL: "debug" });
    // The base renders as written.
    const base = kustomizeBuild(join(dir, "base"));
    expect(imageOf(base[0])).toBe("marquee-payment");
    expect(base[1]?.data).toEqual({ PORT: "5004" });
  });

  it("refuses a field it does not implement, naming it, instead of ignoring it", () => {
    const dir = tree(overlay("commonLabels:\n  team: tickets\n"));
    expect(() => kustomizeBuild(join(dir, "overlay"))).toThrow(/Unrecognized key: "commonLabels"/);
  });

  it("refuses a patch of a path or an object that does not exist", () => {
    const missingPath = tree(
      overlay(`patches:
  - target: { kind: ConfigMap, name: payment-config }
    patch: |-
      - op: replace
        path: /data/PROT
        value: "1"
`),
    );
    expect(() => kustomizeBuild(join(missingPath, "overlay"))).toThrow(
      /patches\[0\]: \/data\/PROT does not exist in the target/,
    );
    const missingTarget = tree(
      overlay(`patches:
  - target: { kind: ConfigMap, name: paymnet-config }
    patch: |-
      - op: remove
        path: /data/PORT
`),
    );
    expect(() => kustomizeBuild(join(missingTarget, "overlay"))).toThrow(
      /no ConfigMap named paymnet-config/,
    );
  });

  it("refuses an image override that matches no container, and an object declared twice", () => {
    const typo = tree(overlay("images:\n  - name: marquee-paymnet\n    newTag: '1'\n"));
    expect(() => kustomizeBuild(join(typo, "overlay"))).toThrow(
      /images marquee-paymnet match no container/,
    );
    const twice = tree({
      "kustomization.yaml": `${KUSTOMIZATION}resources:\n  - a.yaml\n  - b.yaml\n`,
      "a.yaml": DEPLOYMENT,
      "b.yaml": DEPLOYMENT,
    });
    expect(() => kustomizeBuild(twice)).toThrow(/Deployment\/payment is declared twice/);
  });

  it("refuses a resource that does not exist, naming it", () => {
    const dir = tree({ "kustomization.yaml": `${KUSTOMIZATION}resources:\n  - gone.yaml\n` });
    expect(() => kustomizeBuild(dir)).toThrow(/resource gone.yaml does not exist/);
  });
});

describe("schemaProblems", () => {
  it("names the field a schema refuses, and a kind it has no schema for", () => {
    const dir = tree({
      "kustomization.yaml": `${KUSTOMIZATION}resources:\n  - payment.yaml\n`,
      "payment.yaml": DEPLOYMENT.replace("image: marquee-payment", "image: 5004"),
    });
    const [deployment] = kustomizeBuild(dir);
    expect(schemaProblems(deployment!)).toEqual([
      "Deployment payment: data/spec/template/spec/containers/0/image must be string",
    ]);
    const secret: Manifest = { apiVersion: "v1", kind: "Secret", metadata: { name: "keys" } };
    expect(schemaProblems(secret)).toEqual(["Secret keys: no schema for v1 Secret"]);
  });
});

describe("environmentOf", () => {
  it("expands $(VAR) from variables defined before it only, as the kubelet does", () => {
    const container = Container.parse({
      name: "payment",
      image: "marquee-payment",
      envFrom: [{ configMapRef: { name: "payment-config" } }],
      env: [
        { name: "USER", valueFrom: { secretKeyRef: { name: "db", key: "username" } } },
        { name: "URL", value: "postgresql://$(USER):$(PASSWORD)@db:$(PORT)/marquee $$(USER)" },
        { name: "PASSWORD", value: "later" },
      ],
    });
    const { values, sources, problems } = environmentOf(
      container,
      new Map([["payment-config", { PORT: "5432" }]]),
      (name, key) => `${name}-${key}`,
    );
    expect(problems).toEqual([]);
    expect(values.URL).toBe("postgresql://db-username:$(PASSWORD)@db:5432/marquee $(USER)");
    expect(sources.USER).toEqual({ from: "secret", name: "db", key: "username" });
    expect(sources.PORT).toEqual({ from: "configMap", name: "payment-config", key: "PORT" });
  });

  it("reports a ConfigMap or key the manifests do not hold", () => {
    const container = Container.parse({
      name: "payment",
      image: "marquee-payment",
      envFrom: [{ configMapRef: { name: "gone" } }],
      env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "payment-config", key: "Y" } } }],
    });
    const { problems } = environmentOf(container, new Map([["payment-config", {}]]), () => "");
    expect(problems).toEqual([
      "payment: no ConfigMap gone",
      "payment: ConfigMap payment-config has no key Y",
    ]);
  });
});
