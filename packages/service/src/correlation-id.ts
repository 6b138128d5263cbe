import { randomUUID } from "node:crypto";

/** Carried by every request between web and services, and stamped on the events they cause. */
export const CORRELATION_ID_HEADER = "x-correlation-id";

// The id comes from the caller and lands in every log line and event, so anything that could break
// a log line or smuggle data in is replaced rather than trusted.
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

export const resolveCorrelationId = (header: string | string[] | undefined): string => {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID();
};
