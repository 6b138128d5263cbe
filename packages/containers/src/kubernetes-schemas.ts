import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import { Pooler } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Pooler";
import { Kafka } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/Kafka";
import { KafkaNodePool } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaNodePool";
import { KafkaTopic } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaTopic";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import type { Manifest } from "./kustomize";

type Validated = { validate(): void };
type ModelClass = new (data: never) => Validated;

/**
 * The schema of every kind the manifests may hold, by `apiVersion/kind`: Kubernetes' own
 * (kubernetes-models) and the operators' custom resources (CloudNativePG, Strimzi). A kind not
 * listed here has no schema to check against, and is refused as such.
 */
const MODELS: Readonly<Record<string, ModelClass>> = {
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "postgresql.cnpg.io/v1/Cluster": Cluster,
  "postgresql.cnpg.io/v1/Pooler": Pooler,
  "kafka.strimzi.io/v1/Kafka": Kafka,
  "kafka.strimzi.io/v1/KafkaNodePool": KafkaNodePool,
  "kafka.strimzi.io/v1/KafkaTopic": KafkaTopic,
};

export const KNOWN_KINDS: readonly string[] = Object.keys(MODELS);

/** What the manifest's schema finds wrong with it, one line per problem; none when it is valid. */
export const schemaProblems = (manifest: Manifest): string[] => {
  const id = `${manifest.kind} ${manifest.metadata.name}`;
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) return [`${id}: no schema for ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(structuredClone(manifest) as never).validate();
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.split(/,\s*(?=data\/)/).map((line) => `${id}: ${line}`);
  }
};
