import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startZipkin } from "@marquee/infra/zipkin";
import { testEnv } from "./test-env";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** A span as Zipkin's API v2 answers it (the fields tests read). */
export type ZipkinSpan = {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: "CLIENT" | "SERVER" | "PRODUCER" | "CONSUMER";
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
};

/**
 * The test Zipkin (port 19411, `TEST_ZIPKIN_PORT`), started from infra/zipkin (fetched with Maven
 * when missing) unless it runs already; resolves with its base URL, which services take as ZIPKIN_URL.
 */
export const startTestZipkin = async (): Promise<string> => {
  await startZipkin({ port: testEnv.zipkinPort, dataDir: `${root}.data/zipkin-test` });
  return `http://127.0.0.1:${testEnv.zipkinPort}`;
};

/** Every span Zipkin holds for `traceId` (an empty list while none has arrived). */
export const readTrace = async (zipkinUrl: string, traceId: string): Promise<ZipkinSpan[]> => {
  const response = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Zipkin answered ${response.status} for trace ${traceId}`);
  return (await response.json()) as ZipkinSpan[];
};

/** A new W3C trace context as a browser or a caller outside Marquee would start one. */
export const newTraceParent = () => {
  const traceId = randomBytes(16).toString("hex");
  const spanId = randomBytes(8).toString("hex");
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
};
