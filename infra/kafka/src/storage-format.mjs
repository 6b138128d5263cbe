// KRaft storage is formatted once per instance, with a cluster id generated then and kept.
import crypto from "node:crypto";
import fs from "node:fs";
import { javaBin, storageFormatJvmArgs } from "./jvm-options.mjs";
import { runTool } from "./processes.mjs";
import { lastLines, relativePath } from "./text.mjs";

/** Same shape as Kafka's Uuid.randomUuid(): 16 random bytes, base64url, never starting with '-'. */
export const newClusterId = () => {
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id; // would read like a CLI flag
  }
};

const keptClusterId = (instance) => {
  try {
    const kept = fs.readFileSync(instance.clusterId, "utf8").trim();
    if (kept) return kept;
  } catch {
    // first start
  }
  const clusterId = newClusterId();
  fs.writeFileSync(instance.clusterId, `${clusterId}\n`);
  return clusterId;
};

/** Formats the instance's storage unless `data/meta.properties` shows it was. */
export const formatStorageOnce = async (instance, log) => {
  if (fs.existsSync(instance.meta)) return;
  const clusterId = keptClusterId(instance);
  log(`formatting KRaft storage in ${relativePath(instance.data)} (cluster id ${clusterId})`);
  const { code, output } = await runTool(javaBin(), storageFormatJvmArgs(instance, clusterId));
  if (code !== 0 || !fs.existsSync(instance.meta))
    throw new Error(`kafka-storage format failed (exit ${code}):\n${lastLines(output, 30)}`);
};
