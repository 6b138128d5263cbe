import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { z } from "zod";

/** A Kubernetes object as rendered: the fields the renderer reads, anything else kept as is. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
};

const ManifestShape = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
});

const ImageOverride = z.strictObject({
  name: z.string().min(1),
  newName: z.string().min(1).optional(),
  newTag: z.string().min(1).optional(),
  digest: z.string().min(1).optional(),
});

const JsonPatchOperation = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("add"), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal("replace"), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal("remove"), path: z.string() }),
]);
type JsonPatchOperation = z.infer<typeof JsonPatchOperation>;

const Patch = z.strictObject({
  target: z.strictObject({ kind: z.string().min(1), name: z.string().min(1) }),
  patch: z.string().min(1),
});

/**
 * The part of kustomize's Kustomization these manifests use: resources (files and folders with a
 * kustomization.yaml), namespace, images and JSON 6902 patches aimed at one kind and name. Any
 * other field is refused by name rather than ignored, so a manifest never means more than the
 * checks see.
 */
const Kustomization = z.strictObject({
  apiVersion: z.literal("kustomize.config.k8s.io/v1beta1"),
  kind: z.literal("Kustomization"),
  namespace: z.string().min(1).optional(),
  resources: z.array(z.string().min(1)).default([]),
  images: z.array(ImageOverride).default([]),
  patches: z.array(Patch).default([]),
});

export class KustomizeError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(document)"}: ${issue.message}`)
    .join("; ");

/** Every document of a YAML text; `where` names it in errors. */
const parseYamlDocuments = (text: string, where: string): unknown[] =>
  parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0)
      throw new KustomizeError(`${where}: ${document.errors.map((e) => e.message).join("; ")}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });

const readManifests = (file: string, root: string): Manifest[] =>
  parseYamlDocuments(readFileSync(file, "utf8"), relative(root, file)).map((document, index) => {
    const parsed = ManifestShape.safeParse(document);
    if (!parsed.success)
      throw new KustomizeError(
        `${relative(root, file)} document ${index + 1}: ${describeIssues(parsed.error)}`,
      );
    return parsed.data;
  });

const unescapePointer = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");

/** Applies one JSON patch operation (RFC 6902 add, replace, remove) to a manifest in place. */
const applyOperation = (manifest: Manifest, operation: JsonPatchOperation, where: string) => {
  const parts = operation.path.split("/").slice(1).map(unescapePointer);
  const last = parts.pop();
  if (!operation.path.startsWith("/") || last === undefined)
    throw new KustomizeError(`${where}: path "${operation.path}" is not a JSON pointer`);
  let parent: unknown = manifest;
  for (const part of parts) {
    parent = Array.isArray(parent)
      ? parent[Number(part)]
      : isRecord(parent)
        ? parent[part]
        : undefined;
    if (parent === undefined)
      throw new KustomizeError(`${where}: ${operation.path} does not exist in the target`);
  }
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    const exists = Number.isInteger(index) && index >= 0 && index < parent.length;
    if (operation.op !== "add" && !exists)
      throw new KustomizeError(`${where}: ${operation.path} does not exist in the target`);
    if (operation.op === "add") parent.splice(index, 0, operation.value);
    else if (operation.op === "replace") parent[index] = operation.value;
    else parent.splice(index, 1);
    return;
  }
  if (!isRecord(parent))
    throw new KustomizeError(`${where}: ${operation.path} does not exist in the target`);
  if (operation.op !== "add" && !(last in parent))
    throw new KustomizeError(`${where}: ${operation.path} does not exist in the target`);
  if (operation.op === "remove") delete parent[last];
  else parent[last] = operation.value;
};

/** `image: name[:tag][@digest]` split into its name and the rest. */
const imageName = (image: string): string => {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
};

const overrideImage = (image: string, override: z.infer<typeof ImageOverride>): string => {
  const [withoutDigest = image, digest] = image.split("@");
  const name = imageName(image);
  const tag = withoutDigest.slice(name.length + 1) || undefined;
  const newName = override.newName ?? name;
  if (override.digest) return `${newName}@${override.digest}`;
  const newTag = override.newTag ?? tag;
  return `${newName}${newTag ? `:${newTag}` : ""}${digest && !override.newTag ? `@${digest}` : ""}`;
};

/** The containers of a workload's pod template (Deployment, Job, …), or none. */
export const podContainers = (manifest: Manifest): Array<Record<string, unknown>> => {
  const spec = manifest.spec;
  const template = isRecord(spec) && isRecord(spec.template) ? spec.template : undefined;
  const podSpec = template && isRecord(template.spec) ? template.spec : undefined;
  if (!podSpec) return [];
  return ["initContainers", "containers"].flatMap((field) => {
    const list = podSpec[field];
    return Array.isArray(list) ? list.filter(isRecord) : [];
  });
};

const render = (dir: string, root: string, seen: readonly string[]): Manifest[] => {
  const file = join(dir, "kustomization.yaml");
  const where = relative(root, file) || "kustomization.yaml";
  if (seen.includes(dir)) throw new KustomizeError(`${where} includes itself`);
  if (!existsSync(file))
    throw new KustomizeError(`${relative(root, dir)} has no kustomization.yaml`);
  const [document, ...more] = parseYamlDocuments(readFileSync(file, "utf8"), where);
  if (more.length > 0) throw new KustomizeError(`${where} holds more than one document`);
  const parsed = Kustomization.safeParse(document);
  if (!parsed.success) throw new KustomizeError(`${where}: ${describeIssues(parsed.error)}`);
  const kustomization = parsed.data;

  const manifests = kustomization.resources.flatMap((resource) => {
    const path = join(dir, resource);
    if (!existsSync(path))
      throw new KustomizeError(`${where}: resource ${resource} does not exist`);
    return statSync(path).isDirectory()
      ? render(path, root, [...seen, dir])
      : readManifests(path, root);
  });

  const ids = new Set<string>();
  for (const { kind, metadata } of manifests) {
    const id = `${kind}/${metadata.name}`;
    if (ids.has(id)) throw new KustomizeError(`${where}: ${id} is declared twice`);
    ids.add(id);
  }

  kustomization.patches.forEach(({ target, patch }, index) => {
    const at = `${where} patches[${index}]`;
    const operations = z.array(JsonPatchOperation).safeParse(parseYamlDocuments(patch, at)[0]);
    if (!operations.success) throw new KustomizeError(`${at}: ${describeIssues(operations.error)}`);
    const targets = manifests.filter(
      (m) => m.kind === target.kind && m.metadata.name === target.name,
    );
    if (targets.length === 0)
      throw new KustomizeError(`${at}: no ${target.kind} named ${target.name}`);
    for (const manifest of targets)
      for (const operation of operations.data) applyOperation(manifest, operation, at);
  });

  const unused = new Set(kustomization.images.map((override) => override.name));
  for (const container of manifests.flatMap(podContainers)) {
    if (typeof container.image !== "string") continue;
    const override = kustomization.images.find(
      (o) => o.name === imageName(container.image as string),
    );
    if (!override) continue;
    unused.delete(override.name);
    container.image = overrideImage(container.image, override);
  }
  if (unused.size > 0)
    throw new KustomizeError(`${where}: images ${[...unused].join(", ")} match no container`);

  if (kustomization.namespace)
    for (const manifest of manifests) manifest.metadata.namespace = kustomization.namespace;
  return manifests;
};

/**
 * What `kustomize build <dir>` prints, for the subset of kustomize described above: the folder's
 * resources in order, each kustomization's patches, images and namespace applied on the way up.
 */
export const kustomizeBuild = (dir: string): Manifest[] => render(dir, dirname(dir), []);
