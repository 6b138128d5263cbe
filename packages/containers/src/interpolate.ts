/**
 * Docker Compose's variable interpolation (`$$`, `$NAME`, `${NAME}`, `${NAME:-default}`,
 * `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`; no nested defaults), applied to every string of a parsed
 * compose file. The checks resolve with an empty environment: what `docker compose up` does on a
 * machine where nobody set anything.
 */
export const interpolate = (text: string, env: Record<string, string> = {}): string =>
  text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (match === "$$") return "$";
      const name = braced ?? bare ?? "";
      const value = env[name];
      const unsetOrEmpty = value === undefined || value === "";
      switch (operator) {
        case ":-":
          return unsetOrEmpty ? (argument ?? "") : value;
        case "-":
          return value ?? argument ?? "";
        case ":?":
        case "?":
          if (operator === ":?" ? unsetOrEmpty : value === undefined)
            throw new Error(`compose variable ${name} is required: ${argument ?? ""}`);
          return value ?? "";
        case undefined:
        default:
          return value ?? "";
      }
    },
  );

/** Interpolates every string in a parsed YAML tree (keys stay as written, as in Compose). */
export const interpolateTree = (node: unknown, env: Record<string, string> = {}): unknown => {
  if (typeof node === "string") return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, env));
  if (node !== null && typeof node === "object")
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateTree(value, env)]),
    );
  return node;
};
