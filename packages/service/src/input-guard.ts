/**
 * What every procedure's raw input is checked for before its own schema sees it: text Postgres
 * cannot store (NUL) or that is not Unicode at all (a lone UTF-16 surrogate), in keys as well as
 * values, and nesting deep enough to make a recursive parser or serializer overflow its stack.
 */
export const MAX_INPUT_DEPTH = 32;

export type UnsafeInput = {
  /** Where, as `describeInputError` names fields: `seats[0].id`, or "" for the input itself. */
  path: string;
  reason: string;
};

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const problemWith = (text: string): string | null => {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains a lone UTF-16 surrogate (not valid Unicode)";
  return null;
};

const child = (path: string, key: string | number) => {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
};

/**
 * The first unsafe string in `input` (a parsed JSON value), or null. Iterative, so a hostile depth
 * cannot overflow the stack here either; strings are scanned once each, a few microseconds for a
 * hold's input.
 */
export const findUnsafeInput = (input: unknown): UnsafeInput | null => {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: "", depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      const reason = problemWith(value);
      if (reason) return { path, reason };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { path, reason: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push({ value: value[index], path: child(path, index), depth: depth + 1 });
      }
      continue;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, item] = entries[index]!;
      const keyProblem = problemWith(key);
      if (keyProblem) return { path, reason: `a key ${keyProblem}` };
      stack.push({ value: item, path: child(path, key), depth: depth + 1 });
    }
  }
  return null;
};
