export type TrpcOutcome<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string };

/** The answer of a call expected to succeed; a refusal fails the test with its code and message. */
export const dataOf = <T>(outcome: TrpcOutcome<T>): T => {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.data;
};

/**
 * Calls a procedure over real HTTP the way tRPC's client does (no batching, no transformer):
 * queries as GET with `?input=`, mutations (the default) as POST.
 */
export const callTrpc = async <T>(
  baseUrl: string,
  procedure: string,
  input: unknown,
  opts: { token?: string; kind?: "query" | "mutation"; headers?: Record<string, string> } = {},
): Promise<TrpcOutcome<T>> => {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...opts.headers,
  };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const response =
    opts.kind === "query"
      ? await fetch(
          `${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${procedure}`, {
          method: "POST",
          headers,
          body: JSON.stringify(input),
        });
  const body = (await response.json()) as {
    result?: { data: T };
    error?: { message: string; data?: { code?: string } };
  };
  if (body.result) return { ok: true, status: response.status, data: body.result.data };
  return {
    ok: false,
    status: response.status,
    code: body.error?.data?.code ?? "UNKNOWN",
    message: body.error?.message ?? "",
  };
};
