import { z } from "zod";
import { podContainers, type Manifest } from "./kustomize";

const KeyRef = z.object({ name: z.string(), key: z.string(), optional: z.boolean().optional() });

const EnvVar = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z
    .object({ configMapKeyRef: KeyRef.optional(), secretKeyRef: KeyRef.optional() })
    .optional(),
});

const EnvFrom = z.object({
  configMapRef: z.object({ name: z.string() }).optional(),
  secretRef: z.object({ name: z.string() }).optional(),
});

/** The parts of a container the environment checks read. */
export const Container = z.looseObject({
  name: z.string(),
  image: z.string(),
  env: z.array(EnvVar).default([]),
  envFrom: z.array(EnvFrom).default([]),
});
export type Container = z.infer<typeof Container>;

/** Where a variable of a container's environment comes from. */
export type Source =
  | { from: "value" }
  | { from: "configMap"; name: string; key: string }
  | { from: "secret"; name: string; key: string };

export type ContainerEnvironment = {
  /** Every variable as the container sees it; a secret's value is `secretValue(name, key)`. */
  values: Record<string, string>;
  sources: Record<string, Source>;
  /** References to ConfigMaps or keys the manifests do not hold, one line each. */
  problems: string[];
};

/** Every ConfigMap of the manifests by name: its data. */
export const configMapsOf = (manifests: readonly Manifest[]): Map<string, Record<string, string>> =>
  new Map(
    manifests
      .filter((m) => m.apiVersion === "v1" && m.kind === "ConfigMap")
      .map((m) => [m.metadata.name, z.record(z.string(), z.string()).parse(m.data ?? {})]),
  );

/** A workload's one container (the manifests run one per pod), parsed. */
export const containerOf = (workload: Manifest): Container => {
  const containers = podContainers(workload);
  if (containers.length !== 1)
    throw new Error(
      `${workload.kind} ${workload.metadata.name} has ${containers.length} containers`,
    );
  return Container.parse(containers[0]);
};

/** `$(NAME)` in a value, as the kubelet expands it from the variables defined before it. */
const expand = (value: string, defined: Record<string, string>): string =>
  value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name?: string) =>
    match === "$$" ? "$" : name !== undefined && name in defined ? defined[name]! : match,
  );

/**
 * The environment the kubelet gives a container: `envFrom` ConfigMaps in order, then `env`
 * (values with `$(VAR)` expanded, ConfigMap and Secret keys), later entries overriding earlier
 * ones. Secrets are not in the manifests, so each is stood in for by `secretValue`.
 */
export const environmentOf = (
  container: Container,
  configMaps: ReadonlyMap<string, Record<string, string>>,
  secretValue: (name: string, key: string) => string,
): ContainerEnvironment => {
  const values: Record<string, string> = {};
  const sources: Record<string, Source> = {};
  const problems: string[] = [];
  const fromConfigMap = (name: string, key: string | undefined, optional = false) => {
    const data = configMaps.get(name);
    if (!data) {
      if (!optional) problems.push(`${container.name}: no ConfigMap ${name}`);
      return {};
    }
    if (key === undefined) return data;
    if (!(key in data)) {
      if (!optional) problems.push(`${container.name}: ConfigMap ${name} has no key ${key}`);
      return {};
    }
    return { [key]: data[key]! };
  };
  for (const source of container.envFrom) {
    if (source.secretRef)
      problems.push(`${container.name}: envFrom Secret ${source.secretRef.name} hides its keys`);
    if (!source.configMapRef) continue;
    const name = source.configMapRef.name;
    for (const [key, value] of Object.entries(fromConfigMap(name, undefined))) {
      values[key] = value;
      sources[key] = { from: "configMap", name, key };
    }
  }
  for (const variable of container.env) {
    const configMapRef = variable.valueFrom?.configMapKeyRef;
    const secretRef = variable.valueFrom?.secretKeyRef;
    if (configMapRef) {
      const found = fromConfigMap(configMapRef.name, configMapRef.key, configMapRef.optional);
      if (configMapRef.key in found) {
        values[variable.name] = found[configMapRef.key]!;
        sources[variable.name] = {
          from: "configMap",
          name: configMapRef.name,
          key: configMapRef.key,
        };
      }
    } else if (secretRef) {
      values[variable.name] = secretValue(secretRef.name, secretRef.key);
      sources[variable.name] = { from: "secret", name: secretRef.name, key: secretRef.key };
    } else {
      values[variable.name] = expand(variable.value ?? "", values);
      sources[variable.name] = { from: "value" };
    }
  }
  return { values, sources, problems };
};

/** Named like a secret: never a plain value or a ConfigMap key. */
export const looksSecret = (variable: string): boolean =>
  /(SECRET|PASSWORD|_KEY|_KEYS)$/.test(variable);

/** The password in a URL's user part (`scheme://user:password@host`), as written. */
export const passwordIn = (value: string): string | undefined =>
  /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^/@]*)@/i.exec(value)?.[1];
