import { z } from "zod";

/** A hold as inventory's `myReservations` returns it; only the fields ordering keeps. */
export const RemoteHold = z.object({
  reservationId: z.uuid(),
  eventId: z.uuid(),
  status: z.enum(["active", "released", "expired", "confirmed"]),
  expiresAt: z.iso.datetime({ offset: true }),
  currency: z.string().min(1),
  seats: z.array(
    z.object({
      seatId: z.uuid(),
      section: z.string(),
      row: z.string(),
      number: z.number().int(),
      priceCents: z.number().int().nonnegative(),
    }),
  ),
});
export type RemoteHold = z.infer<typeof RemoteHold>;

/** Inventory could not be asked (down, timing out, answering 5xx). */
export class InventoryUnavailable extends Error {
  override name = "InventoryUnavailable";
}

export type InventoryClient = {
  /** The caller's hold with this id, or null when inventory knows none of theirs. */
  findMyHold(token: string, reservationId: string): Promise<RemoteHold | null>;
  /** Gives the caller's hold up; `gone` when it is no longer theirs to release (expired, sold). */
  release(token: string, reservationId: string): Promise<"released" | "gone">;
};

const TrpcAnswer = z.object({
  result: z.object({ data: z.unknown() }).optional(),
  error: z.object({ data: z.object({ code: z.string() }).partial().optional() }).optional(),
});

/**
 * Calls inventory's tRPC API over HTTP with the customer's own bearer token, so inventory applies
 * its own ownership rules. No batching, no transformer: one procedure per request.
 */
export const createInventoryClient = (
  baseUrl: string,
  { timeoutMs = 5_000 }: { timeoutMs?: number } = {},
): InventoryClient => {
  const call = async (
    procedure: string,
    token: string,
    input: unknown,
    kind: "query" | "mutation",
  ): Promise<{ ok: true; data: unknown } | { ok: false; code: string }> => {
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    let response: Response;
    try {
      response =
        kind === "query"
          ? await fetch(
              `${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
              { headers, signal: AbortSignal.timeout(timeoutMs) },
            )
          : await fetch(`${baseUrl}/trpc/${procedure}`, {
              method: "POST",
              headers,
              body: JSON.stringify(input),
              signal: AbortSignal.timeout(timeoutMs),
            });
    } catch (error) {
      throw new InventoryUnavailable(`inventory ${procedure}: ${String(error)}`, { cause: error });
    }
    if (response.status >= 500) {
      throw new InventoryUnavailable(`inventory ${procedure}: HTTP ${response.status}`);
    }
    const body = TrpcAnswer.safeParse(await response.json().catch(() => null));
    if (!body.success) throw new InventoryUnavailable(`inventory ${procedure}: unreadable answer`);
    if (body.data.result) return { ok: true, data: body.data.result.data };
    return { ok: false, code: body.data.error?.data?.code ?? "UNKNOWN" };
  };

  return {
    async findMyHold(token, reservationId) {
      const answer = await call("myReservations", token, {}, "query");
      if (!answer.ok) {
        throw new InventoryUnavailable(`inventory myReservations refused: ${answer.code}`);
      }
      const holds = z.array(z.unknown()).parse(answer.data);
      const match = holds.find(
        (h) => (h as { reservationId?: unknown } | null)?.reservationId === reservationId,
      );
      return match === undefined ? null : RemoteHold.parse(match);
    },
    async release(token, reservationId) {
      const answer = await call("release", token, { reservationId }, "mutation");
      if (answer.ok) return "released";
      if (answer.code === "NOT_FOUND" || answer.code === "CONFLICT") return "gone";
      throw new InventoryUnavailable(`inventory release refused: ${answer.code}`);
    },
  };
};
