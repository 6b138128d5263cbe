import { readRepoFile } from "./repository";

const toRegExp = (pattern: string): RegExp => {
  const body = pattern
    .replace(/^\/+|\/+$/g, "")
    .split("/")
    .map((part) =>
      part === "**"
        ? "(?:.*)"
        : part
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, "[^/]*")
            .replace(/\?/g, "[^/]"),
    )
    .join("/")
    .replace(/\(\?:\.\*\)\//g, "(?:.*/)?");
  return new RegExp(`^${body}$`);
};

/**
 * Whether .dockerignore keeps a path (relative to the build context) out of the context. A
 * pattern that matches a directory excludes everything in it. `!` exceptions are not supported,
 * and the file uses none.
 */
export const isIgnored = (path: string, file = ".dockerignore"): boolean => {
  const patterns = readRepoFile(file)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  if (patterns.some((p) => p.startsWith("!")))
    throw new Error(".dockerignore uses ! exceptions, which this check does not read");
  const parts = path.replace(/^\.\//, "").replace(/\/+$/, "").split("/");
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  return patterns.some((pattern) => {
    const regExp = toRegExp(pattern);
    return prefixes.some((prefix) => regExp.test(prefix));
  });
};
