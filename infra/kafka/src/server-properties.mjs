// The broker's config: infra/kafka/server.properties rendered into the instance on every start.
import fs from "node:fs";
import { DEFAULT_CONTROLLER_PORT, DEFAULT_PORT, PROPERTIES_TEMPLATE } from "./settings.mjs";

/**
 * The template with its `{{placeholders}}` filled from `values` (port, controllerPort, logDirs).
 * Pure: the template's text is passed in.
 */
export const renderProperties = (template, values) => {
  // The template's leading comment block documents the placeholders; drop it.
  const body = template.replace(/^(#.*\r?\n)+\r?\n/, "").replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`unknown placeholder ${whole} in server.properties`);
    // Java properties treat backslashes as escapes (matters for Windows paths).
    return String(values[key]).replace(/\\/g, "/");
  });
  return `# GENERATED from infra/kafka/server.properties on every start; edit the template instead.\n${body}`;
};

export const writeServerProperties = (instance, { port, controllerPort }) => {
  fs.mkdirSync(instance.data, { recursive: true });
  const template = fs.readFileSync(PROPERTIES_TEMPLATE, "utf8");
  fs.writeFileSync(
    instance.props,
    renderProperties(template, { port, controllerPort, logDirs: instance.data }),
  );
};

/** The client and controller ports a rendered config's `listeners=` line names, when it does. */
export const portsFromProperties = (text) => {
  const listeners = text.match(/^listeners=(.*)$/m)?.[1] ?? "";
  return {
    port: Number(listeners.match(/PLAINTEXT:\/\/[^,]*:(\d+)/)?.[1]) || undefined,
    controllerPort: Number(listeners.match(/CONTROLLER:\/\/[^,]*:(\d+)/)?.[1]) || undefined,
  };
};

/** Ports from explicit options, else from the instance's generated config, else the defaults. */
export const resolvePorts = (instance, { port, controllerPort }) => {
  let saved = {};
  try {
    saved = portsFromProperties(fs.readFileSync(instance.props, "utf8"));
  } catch {
    // never started from this data dir
  }
  return {
    port: port ?? saved.port ?? DEFAULT_PORT,
    controllerPort: controllerPort ?? saved.controllerPort ?? DEFAULT_CONTROLLER_PORT,
    known: port !== undefined || saved.port !== undefined,
  };
};
