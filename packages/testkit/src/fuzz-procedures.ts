import { request } from "node:http";
import fc from "fast-check";
import { z } from "zod";

/**
 * Property-based fuzzing of a running service's whole tRPC API: every procedure of its router
 * (read from `router._def.procedures`, so a procedure added tomorrow is fuzzed tomorrow) gets
 * inputs shaped like its own zod schema with hostile values mixed in (NUL, lone surrogates, huge
 * strings, wrong types, deep nesting, prototype-pollution keys, odd numbers), over real HTTP, as
 * anonymous and as signed-in callers. Every answer must be a 4xx or 2xx tRPC answer with nothing of
 * the service's insides in it.
 */

/** What of a tRPC router the fuzzer reads: its procedures, their kind and their input schemas. */
export type FuzzableRouter = { _def: { procedures: object } };

type ProcedureDef = { type: "query" | "mutation" | "subscription"; inputs?: unknown[] };

export type FuzzOptions = {
  base: string;
  router: FuzzableRouter;
  /** Bearer tokens to call with besides none (e.g. a customer's and an admin's). */
  tokens?: string[];
  /** Procedures not to call, with the reason in a comment at the call site. */
  skip?: string[];
  /**
   * Known-good inputs per procedure (a card the gateway accepts, a layout that fits): one of
   * their text fields at a time is poisoned, so the odd text reaches code behind checks that
   * random values never pass.
   */
  samples?: Record<string, unknown[]>;
  /** A loopback address of the test's own to call from (`127.x.y.z`), so per-address counts are its own. */
  localAddress?: string;
  /** Real ids (events, venues, orders…) used for uuid fields now and then, to get past lookups. */
  ids?: string[];
  /** Runs per procedure; a handful of seconds per service at the default. */
  runs?: number;
  seed?: number;
};

/** FUZZ_SEED=<n> replays a run; the seed is printed with any failure. */
export const fuzzSeed = (): number => {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : 20_261_130;
};

/** Text that must never reach a caller: database, ORM, SQL, stack frames, source paths. */
export const LEAK_PATTERNS: RegExp[] = [
  /prisma/i,
  /postgres/i,
  /\bSELECT\b/,
  /\bINSERT INTO\b/,
  /\bbc_[a-z]+\./,
  /\bat [^\n"]*\([^\n"]*:\d+:\d+\)/,
  /\bat (async )?[\w.<>]+ \(/,
  /(?:\/[\w.@-]+)+\.(?:ts|tsx|js|mjs|cjs)\b/,
  /node_modules/,
  /ECONNREFUSED|ETIMEDOUT/,
];

export const findLeak = (text: string): RegExp | undefined =>
  LEAK_PATTERNS.find((pattern) => pattern.test(text));

// ---- hostile values ----

/** Text Postgres refuses (NUL) or that is not Unicode (a lone surrogate), inside ordinary text. */
const poisonedString = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\u0000\uD83D"),
    fc.string({ maxLength: 12 }),
  )
  .map(([before, poison, after]) => `${before}${poison}${after}`);

const hostileString = fc.oneof(
  { weight: 4, arbitrary: poisonedString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u202Eevil",
      "\uFEFF",
      "%00",
      "\\u0000",
      "null",
      "undefined",
      "__proto__",
      "constructor",
      "' OR '1'='1",
      '"; DROP TABLE x; --',
      "${7*7}{{7*7}}",
      "<script>alert(1)</script>",
      "NaN",
      "-1",
      "1e309",
      "00000000-0000-0000-0000-000000000000",
      "9999-99-99T99:99:99Z",
      "\u{1F3AB}".repeat(200),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((length) => "x".repeat(length)),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

const oddNumber = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  -0.000001,
  1e21,
  -1e21,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  5e-324,
  Number.MAX_SAFE_INTEGER,
);

const nested = (depth: number): unknown => {
  let value: unknown = "deep";
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { a: value };
  return value;
};

const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"__proto__": {"toString": "x", "isAdmin": true}, "a": 1}') as unknown,
);

/** Anything at all, where something of a given shape was expected. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  oddNumber,
  fc.constantFrom(null, true, false, [], {}, [[]], { "": "" }),
  fc.integer({ min: 10, max: 60 }).map(nested),
  pollution,
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

// ---- values shaped like a schema ----

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/**
 * `chaos`: any field may be hostile or of the wrong kind. Otherwise every field fits and text
 * fields come out as `Text` marks, of which one is then made hostile: the odd text gets past the
 * other fields' checks to the procedure (and the database behind it).
 */
type Known = { ids: string[]; chaos: boolean };

class Text {
  constructor(readonly value: string) {}
}

/** What the chosen text field gets: a hostile string, or one bad character slipped into its text. */
type Poison = { replace: string } | { insert: string; at: number };

const poison: fc.Arbitrary<Poison> = fc.oneof(
  hostileString.map((replace) => ({ replace })),
  fc
    .tuple(fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF"), fc.nat())
    .map(([insert, at]) => ({ insert, at })),
);

const applyPoison = (text: string, bad: Poison) => {
  if ("replace" in bad) return bad.replace;
  const at = bad.at % (text.length + 1);
  return `${text.slice(0, at)}${bad.insert}${text.slice(at)}`;
};

/** Every string in a known-good input, marked as text that may be poisoned. */
const markTexts = (value: unknown): unknown => {
  if (typeof value === "string") return new Text(value);
  if (Array.isArray(value)) return value.map(markTexts);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markTexts(item)]));
  }
  return value;
};

/** Replaces the `pick`-th `Text` mark in `value` by its poisoned text, and the others by their text. */
const poisonOneText = (value: unknown, pick: number, bad: Poison): unknown => {
  let count = 0;
  const countMarks = (node: unknown): void => {
    if (node instanceof Text) count += 1;
    else if (Array.isArray(node)) node.forEach(countMarks);
    else if (node && typeof node === "object") Object.values(node).forEach(countMarks);
  };
  countMarks(value);
  const target = count === 0 ? -1 : pick % count;
  let seen = 0;
  const unmark = (node: unknown): unknown => {
    if (node instanceof Text) return seen++ === target ? applyPoison(node.value, bad) : node.value;
    if (Array.isArray(node)) return node.map(unmark);
    if (node && typeof node === "object") {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        Object.defineProperty(copy, key, {
          value: unmark(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    }
    return node;
  };
  return unmark(value);
};

const validString = (schema: JsonSchema, known: Known): fc.Arbitrary<string> => {
  switch (schema.format) {
    case "uuid":
      return known.ids.length > 0
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known.ids) }, fc.uuid())
        : fc.uuid();
    case "email":
      return fc.emailAddress();
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "date":
      return fc
        .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case undefined:
    default:
      break;
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= 500);
    } catch {
      // A pattern fast-check cannot generate from: fall through to plain strings.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 30, 60)),
  });
};

const validNumber = (schema: JsonSchema, integer: boolean): fc.Arbitrary<number> => {
  const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_000) + (integer ? 1 : 0.001);
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_000) - (integer ? 1 : 0.001);
  if (integer) {
    return fc.integer({
      min: Math.max(Math.ceil(min), -(2 ** 31)),
      max: Math.min(Math.floor(max), 2 ** 31 - 1),
    });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
};

const isFreeText = (schema: JsonSchema) =>
  schema.type === "string" &&
  schema.enum === undefined &&
  schema.const === undefined &&
  schema.format === undefined &&
  schema.pattern === undefined;

/**
 * A value that fits `schema`, except that any part of it may be swapped for something hostile:
 * text fields often get odd text (so it reaches the procedure past the other fields' checks),
 * any field now and then a value of the wrong kind.
 */
const shaped = (schema: JsonSchema | undefined, known: Known, depth = 0): fc.Arbitrary<unknown> => {
  if (!schema || depth > 6) return known.chaos ? hostileValue : fc.jsonValue({ maxDepth: 2 });
  const fitting = fittingValue(schema, known, depth);
  if (!known.chaos) {
    return isFreeText(schema) ? fitting.map((text) => new Text(text as string)) : fitting;
  }
  return fc.oneof(
    { weight: 6, arbitrary: fitting },
    { weight: isFreeText(schema) ? 3 : 0, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileValue },
  );
};

const fittingValue = (schema: JsonSchema, known: Known, depth: number): fc.Arbitrary<unknown> => {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0)
    return fc.oneof(...choices.map((s) => shaped(s, known, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return shaped(schema.allOf[0], known, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return validString(schema, known);
    case "integer":
      return validNumber(schema, true);
    case "number":
      return validNumber(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (schema.prefixItems)
        return fc.tuple(...schema.prefixItems.map((s) => shaped(s, known, depth + 1)));
      const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      const minLength = Math.min(schema.minItems ?? 0, 20);
      return fc.array(shaped(items, known, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 6)),
      });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const keys = Object.keys(properties);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) record[key] = shaped(properties[key], known, depth + 1);
      const requiredKeys = keys.filter((key) => required.has(key));
      const base = fc.record(record, { requiredKeys });
      // Now and then an extra key no schema asked for.
      return fc
        .tuple(base, fc.option(fc.tuple(hostileString, hostileValue), { freq: 4 }))
        .map(([value, extra]) => {
          if (!extra) return value;
          const withExtra: Record<string, unknown> = { ...value };
          Object.defineProperty(withExtra, extra[0], {
            value: extra[1],
            enumerable: true,
            writable: true,
            configurable: true,
          });
          return withExtra;
        });
    }
    case undefined:
    default:
      return hostileValue;
  }
};

const inputSchemaOf = (procedure: ProcedureDef): JsonSchema | undefined => {
  const parser = procedure.inputs?.[0];
  if (!(parser instanceof z.ZodType)) return undefined;
  try {
    return z.toJSONSchema(parser, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return undefined;
  }
};

// ---- calling and checking ----

export type FuzzCall = {
  procedure: string;
  kind: "query" | "mutation";
  input: unknown;
  token: string | null;
};

/**
 * One call over node:http rather than fetch, so it can leave from a loopback address of the
 * test's own: per-address counts (sign-in failures, rate limits) then stay out of other tests'.
 */
const send = (base: string, { procedure, kind, input, token }: FuzzCall, localAddress?: string) => {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  // Serialized as JSON does it: a lone surrogate stays a `\ud800` escape, NUL a `\u0000`.
  const json = input === undefined ? undefined : JSON.stringify(input);
  const query = kind === "query" && json !== undefined ? `?input=${encodeURIComponent(json)}` : "";
  const url = new URL(`${base}/trpc/${procedure}${query}`);
  const body = kind === "mutation" && json !== undefined ? Buffer.from(json) : undefined;
  if (body) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(body.length);
  }
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: kind === "query" ? "GET" : "POST",
        headers,
        // A fresh connection each time: a kept-alive one the server just dropped (after a 431)
        // would fail the next call with a reset that says nothing about the service.
        agent: false,
        ...(localAddress ? { localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      // Node's server answers a URL over its 16 KiB header limit with 431 and drops the
      // connection, often before the answer can be read: that is a refusal, not a crash.
      const oversized = url.pathname.length + url.search.length > 16_384;
      if (oversized && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
        resolve({ status: 431, text: "{}" });
      } else {
        reject(error);
      }
    });
    req.end(body);
  });
};

/** Why this answer is not acceptable, or null when it is. */
export const judgeAnswer = (answer: { status: number; text: string }): string | null => {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  const leak = findLeak(answer.text);
  if (leak) return `leaked ${leak}: ${answer.text.slice(0, 300)}`;
  try {
    JSON.parse(answer.text);
  } catch {
    return `answered something that is not JSON: ${answer.text.slice(0, 300)}`;
  }
  return null;
};

const seedFor = (seed: number, path: string) => {
  let hash = seed | 0;
  for (const char of path) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
};

/** The procedures of a router, by path, with their kind and input schema. */
export const listProcedures = (router: FuzzableRouter) =>
  Object.entries(router._def.procedures as Record<string, { _def: ProcedureDef }>).map(
    ([path, procedure]) => ({
      path,
      kind: procedure._def.type,
      schema: inputSchemaOf(procedure._def),
    }),
  );

/**
 * Fuzzes every procedure of `router` on the service at `base`. Throws (with the seed and the
 * failing call) on the first 5xx, leak or non-JSON answer, or if a call polluted
 * `Object.prototype` in this process, where the test's service runs. Resolves with the
 * procedures it called.
 */
export const fuzzProcedures = async (opts: FuzzOptions): Promise<string[]> => {
  const seed = opts.seed ?? fuzzSeed();
  const signedIn = opts.tokens ?? [];
  // Signed in more often than not, so calls get past authentication to the procedure.
  const token: fc.Arbitrary<string | null> =
    signedIn.length > 0
      ? fc.oneof(
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 2 * signedIn.length, arbitrary: fc.constantFrom(...signedIn) },
        )
      : fc.constant(null);
  const ids = opts.ids ?? [];
  const procedures = listProcedures(opts.router).filter(
    ({ path, kind }) => kind !== "subscription" && !opts.skip?.includes(path),
  );
  for (const { path, kind, schema } of procedures) {
    const callKind = kind === "query" ? "query" : "mutation";
    const samples = opts.samples?.[path] ?? [];
    const fromSamples = fc
      .tuple(fc.constantFrom(...(samples.length > 0 ? samples : [null])), fc.nat(), poison)
      .map(([sample, pick, bad]) => poisonOneText(markTexts(sample), pick, bad));
    const call = fc.record({
      input: fc.oneof(
        { weight: samples.length > 0 ? 6 : 0, arbitrary: fromSamples },
        {
          weight: 4,
          arbitrary: fc
            .tuple(shaped(schema, { ids, chaos: false }), fc.nat(), poison)
            .map(([value, pick, bad]) => poisonOneText(value, pick, bad)),
        },
        { weight: 2, arbitrary: shaped(schema, { ids, chaos: true }) },
        { weight: 1, arbitrary: hostileValue },
      ),
      token,
    });
    await fc.assert(
      fc.asyncProperty(call, async ({ input, token }) => {
        const fuzzCall: FuzzCall = { procedure: path, kind: callKind, input, token };
        const problem = judgeAnswer(await send(opts.base, fuzzCall, opts.localAddress));
        const polluted = Object.keys(Object.prototype).length > 0;
        if (problem || polluted) {
          const shown = JSON.stringify(input)?.slice(0, 500);
          throw new Error(
            `${callKind} ${path} with input ${shown} (${token ? "signed in" : "anonymous"}): ${
              problem ?? "polluted Object.prototype"
            }`,
          );
        }
      }),
      // A seed per procedure, from the run's and its name, so adding one changes no other's inputs.
      { seed: seedFor(seed, path), numRuns: opts.runs ?? 40, endOnFailure: true },
    );
  }
  return procedures.map(({ path }) => path);
};
