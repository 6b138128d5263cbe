import { services } from "./services";

type ServiceName = (typeof services)[number][0];

const baseUrl = (service: ServiceName): string => {
  const port = services.find(([name]) => name === service)?.[1];
  return `http://127.0.0.1:${port}`;
};

/** A service's refusal, with its tRPC code, so a caller can wait out the ones that pass. */
export class ServiceRefusal extends Error {
  constructor(
    readonly procedure: string,
    readonly code: string,
    message: string,
  ) {
    super(`${procedure}: ${code} ${message}`);
  }
}

/**
 * Calls a service's tRPC procedure over HTTP as the web server does (no batching, no
 * transformer): queries as GET with `?input=`, mutations as POST. Test set-up only: the journeys
 * themselves go through the browser.
 */
export const callService = async <T>(
  service: ServiceName,
  procedure: string,
  input: unknown,
  opts: { token?: string; kind?: "query" | "mutation" } = {},
): Promise<T> => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const url = `${baseUrl(service)}/trpc/${procedure}`;
  const response =
    opts.kind === "query"
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`, {
          headers,
        })
      : await fetch(url, { method: "POST", headers, body: JSON.stringify(input) });
  const body = (await response.json()) as {
    result?: { data: T };
    error?: { message: string; data?: { code?: string } };
  };
  if (body.result) return body.result.data;
  throw new ServiceRefusal(
    `${service}.${procedure}`,
    body.error?.data?.code ?? String(response.status),
    body.error?.message ?? "",
  );
};

/**
 * Retries `attempt` until it returns a value, for what converges through Kafka (a layout reaching
 * inventory, an order reaching payment, tickets being issued). Generous: it is a wait, not a timing.
 */
export const eventually = async <T>(
  what: string,
  attempt: () => Promise<T | null | undefined>,
  timeoutMs = 45_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== null && value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${timeoutMs / 1000} s${last instanceof Error ? `: ${last.message}` : ""}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};
