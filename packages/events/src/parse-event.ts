import type { z } from "zod";
import { EnvelopeHeader } from "./envelope";
import type { EventDefinition } from "./define-event";
import { findDefinition, type MarqueeEvent } from "./registry";

export type ParseResult = { ok: true; event: MarqueeEvent } | { ok: false; error: string };

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");

/**
 * Parses anything that arrived from Kafka into a typed event, lifting older versions to the
 * current one. Never throws: what cannot be parsed is reported so it can be dead-lettered.
 */
export const parseEvent = (
  raw: unknown,
  find: (type: string) => EventDefinition | undefined = findDefinition,
): ParseResult => {
  const header = EnvelopeHeader.safeParse(raw);
  if (!header.success) return { ok: false, error: `invalid envelope: ${describe(header.error)}` };
  const def = find(header.data.type);
  if (!def) return { ok: false, error: `unknown event type "${header.data.type}"` };
  if (header.data.version > def.version) {
    return {
      ok: false,
      error: `${def.type} version ${header.data.version} is newer than the known ${def.version}`,
    };
  }
  let data = (raw as { data?: unknown }).data;
  for (let version = header.data.version; version < def.version; version += 1) {
    const upcast = def.upcasters[version];
    if (!upcast) return { ok: false, error: `${def.type} has no upcaster from version ${version}` };
    data = upcast(data);
  }
  const parsed = def.envelope.safeParse({ ...(raw as object), version: def.version, data });
  if (!parsed.success) return { ok: false, error: `${def.type}: ${describe(parsed.error)}` };
  return { ok: true, event: parsed.data as MarqueeEvent };
};

/** Parses the bytes of a Kafka message value. */
export const parseEventBytes = (value: Buffer | null): ParseResult => {
  if (!value) return { ok: false, error: "empty message value" };
  let json: unknown;
  try {
    json = JSON.parse(value.toString("utf8"));
  } catch (error) {
    return { ok: false, error: `value is not JSON: ${(error as Error).message}` };
  }
  return parseEvent(json);
};
