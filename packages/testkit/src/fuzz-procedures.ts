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
  /** The service's `MAX_BATCH_SIZE`: bigger batches must be refused. */
  maxBatchSize?: number;
  /** Runs of batched calls per kind (queries, mutations). */
  batchRuns?: number;
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

type RawRequest = {
  method: string;
  /** Path and query, e.g. `/trpc/event?input=…`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

type Answer = { status: number; text: string };

/**
 * One request over node:http rather than fetch, so it can leave from a loopback address of the
 * test's own: per-address counts (sign-in failures, rate limits) then stay out of other tests'.
 */
const sendRaw = (base: string, raw: RawRequest, localAddress?: string) => {
  const url = new URL(`${base}${raw.path}`);
  const body = typeof raw.body === "string" ? Buffer.from(raw.body) : raw.body;
  const headers = { ...raw.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: raw.method,
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
      // Node's server answers a URL over its 16 KiB header limit with 431, and Fastify a body
      // over its limit with 413, then drop the connection, often before the answer can be read
      // while the request is still being written: a refusal, not a crash.
      const oversized =
        url.pathname.length + url.search.length > 16_384 || (body?.length ?? 0) > 1_048_576;
      if (oversized && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
        resolve({ status: 413, text: "{}" });
      } else {
        reject(error);
      }
    });
    req.end(body);
  });
};

const authHeaders = (token: string | null): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/** A call as tRPC's client makes it: queries as GET `?input=`, mutations as a POSTed JSON body. */
const callRequest = ({ procedure, kind, input, token }: FuzzCall): RawRequest => {
  // Serialized as JSON does it: a lone surrogate stays a `\ud800` escape, NUL a `\u0000`.
  const json = input === undefined ? undefined : JSON.stringify(input);
  if (kind === "query") {
    const query = json === undefined ? "" : `?input=${encodeURIComponent(json)}`;
    return { method: "GET", path: `/trpc/${procedure}${query}`, headers: authHeaders(token) };
  }
  return {
    method: "POST",
    path: `/trpc/${procedure}`,
    headers: { ...authHeaders(token), "content-type": "application/json" },
    ...(json === undefined ? {} : { body: json }),
  };
};

/** Several calls of one kind in one request, as tRPC's batch link sends them. */
const batchRequest = (
  kind: "query" | "mutation",
  calls: Array<{ procedure: string; input: unknown }>,
  token: string | null,
): RawRequest => {
  const paths = calls.map(({ procedure }) => procedure).join(",");
  const json = JSON.stringify(Object.fromEntries(calls.map(({ input }, index) => [index, input])));
  if (kind === "query") {
    return {
      method: "GET",
      path: `/trpc/${paths}?batch=1&input=${encodeURIComponent(json)}`,
      headers: authHeaders(token),
    };
  }
  return {
    method: "POST",
    path: `/trpc/${paths}?batch=1`,
    headers: { ...authHeaders(token), "content-type": "application/json" },
    body: json,
  };
};

/** Requests no tRPC client would send: broken JSON and encodings, other content types, odd methods. */
const malformedRequests = (
  query: string | undefined,
  mutation: string | undefined,
): RawRequest[] => {
  const json = { "content-type": "application/json" };
  return [
    ...(query
      ? [
          { method: "GET", path: `/trpc/${query}?input=%ZZ` },
          { method: "GET", path: `/trpc/${query}?input=%E0%A4%A` },
          { method: "GET", path: `/trpc/${query}?input={"a":` },
          { method: "GET", path: `/trpc/${query},${query}?batch=1&input=[1,2]` },
          { method: "GET", path: `/trpc/${query}?batch=1&input=${"%5B".repeat(5_000)}` },
          { method: "POST", path: `/trpc/${query}`, headers: json, body: "{}" },
        ]
      : []),
    ...(mutation
      ? [
          { method: "POST", path: `/trpc/${mutation}`, headers: json, body: '{"a": "unterminated' },
          { method: "POST", path: `/trpc/${mutation}`, headers: json, body: "" },
          { method: "POST", path: `/trpc/${mutation}`, headers: json, body: "[".repeat(100_000) },
          {
            method: "POST",
            path: `/trpc/${mutation}`,
            headers: json,
            body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
          },
          {
            method: "POST",
            path: `/trpc/${mutation}`,
            headers: json,
            body: `{"a":"${"x".repeat(1_200_000)}"}`,
          },
          {
            method: "POST",
            path: `/trpc/${mutation}`,
            headers: { "content-type": "text/plain" },
            body: "{}",
          },
          {
            method: "POST",
            path: `/trpc/${mutation}`,
            headers: { "content-type": "multipart/form-data; boundary=x" },
            body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--x--',
          },
          {
            method: "POST",
            path: `/trpc/${mutation}`,
            headers: { ...json, "content-encoding": "gzip" },
            body: "{}",
          },
          { method: "PUT", path: `/trpc/${mutation}`, headers: json, body: "{}" },
          { method: "DELETE", path: `/trpc/${mutation}` },
          { method: "GET", path: `/trpc/${mutation}` },
          {
            method: "POST",
            path: `/trpc/${mutation},${mutation}?batch=1`,
            headers: json,
            body: '{"0":1,"1":',
          },
        ]
      : []),
    { method: "GET", path: "/trpc/%00" },
    { method: "GET", path: `/trpc/${"a,".repeat(2_000)}a?batch=1` },
  ];
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
 * Fuzzes every procedure of `router` on the service at `base`, then batches of them and requests
 * no tRPC client sends. Throws (with the seed and the failing call) on the first 5xx, leak or
 * non-JSON answer, a batch over the cap that was not refused, or a call that polluted
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
  const inputFor = ({ path, schema }: (typeof procedures)[number]) => {
    const samples = opts.samples?.[path] ?? [];
    const fromSamples = fc
      .tuple(fc.constantFrom(...(samples.length > 0 ? samples : [null])), fc.nat(), poison)
      .map(([sample, pick, bad]) => poisonOneText(markTexts(sample), pick, bad));
    return fc.oneof(
      { weight: samples.length > 0 ? 6 : 0, arbitrary: fromSamples },
      {
        weight: 4,
        arbitrary: fc
          .tuple(shaped(schema, { ids, chaos: false }), fc.nat(), poison)
          .map(([value, pick, bad]) => poisonOneText(value, pick, bad)),
      },
      { weight: 2, arbitrary: shaped(schema, { ids, chaos: true }) },
      { weight: 1, arbitrary: hostileValue },
    );
  };
  const fail = (what: string, input: unknown, token: string | null, problem: string) => {
    const shown = JSON.stringify(input)?.slice(0, 500);
    return new Error(
      `${what} with input ${shown} (${token ? "signed in" : "anonymous"}): ${problem}`,
    );
  };
  const check = async (raw: RawRequest) => {
    const answer = await sendRaw(opts.base, raw, opts.localAddress);
    const problem = judgeAnswer(answer);
    if (problem) return { answer, problem };
    if (Object.keys(Object.prototype).length > 0) {
      return { answer, problem: "polluted Object.prototype" };
    }
    return { answer, problem: null };
  };

  for (const procedure of procedures) {
    const { path, kind } = procedure;
    const callKind = kind === "query" ? "query" : "mutation";
    await fc.assert(
      fc.asyncProperty(inputFor(procedure), token, async (input, token) => {
        const { problem } = await check(
          callRequest({ procedure: path, kind: callKind, input, token }),
        );
        if (problem) throw fail(`${callKind} ${path}`, input, token, problem);
      }),
      // A seed per procedure, from the run's and its name, so adding one changes no other's inputs.
      { seed: seedFor(seed, path), numRuns: opts.runs ?? 40, endOnFailure: true },
    );
  }

  // Batches of hostile calls, now and then over the cap, which must then be refused whole.
  const maxBatchSize = opts.maxBatchSize ?? 10;
  for (const kind of ["query", "mutation"] as const) {
    const ofKind = procedures.filter((procedure) =>
      kind === "query" ? procedure.kind === "query" : procedure.kind === "mutation",
    );
    if (ofKind.length === 0) continue;
    const oneCall = fc
      .constantFrom(...ofKind)
      .chain((procedure) =>
        inputFor(procedure).map((input) => ({ procedure: procedure.path, input })),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(oneCall, { minLength: 1, maxLength: maxBatchSize + 4 }),
        token,
        async (calls, token) => {
          const { answer, problem } = await check(batchRequest(kind, calls, token));
          const over = calls.length > maxBatchSize;
          // A URL over Node's header limit is refused (431) before the cap is even looked at.
          const refused =
            (answer.status === 400 && answer.text.includes("batch: at most")) ||
            answer.status === 413 ||
            answer.status === 431;
          const why =
            problem ?? (over && !refused ? `a batch of ${calls.length} was not refused` : null);
          if (why)
            throw fail(
              `${kind} batch ${calls.map((c) => c.procedure).join(",")}`,
              calls,
              token,
              why,
            );
        },
      ),
      { seed: seedFor(seed, `batch:${kind}`), numRuns: opts.batchRuns ?? 15, endOnFailure: true },
    );
  }

  // Requests no tRPC client sends.
  const firstOf = (kind: string) => procedures.find((procedure) => procedure.kind === kind)?.path;
  for (const raw of malformedRequests(firstOf("query"), firstOf("mutation"))) {
    const { problem } = await check(raw);
    if (problem) throw new Error(`${raw.method} ${raw.path.slice(0, 200)}: ${problem}`);
  }

  return procedures.map(({ path }) => path);
};
