import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createInventoryClient, InventoryUnavailable } from "./inventory-client";

const reservationId = "2c1f4d5e-8a9b-4c3d-9e2f-1a2b3c4d5e6f";
const caller = { token: "t", correlationId: "req-42" };
let server: Server | undefined;
let requests: IncomingMessage[] = [];

/** A stand-in inventory answering every request with `status` and `body` (text as it is). */
const inventoryAnswering = async (status: number | null, body: unknown = {}) => {
  server = createServer((req, res) => {
    requests.push(req);
    if (status === null) return; // never answers
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json" }).end(text);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** A tRPC error body as inventory's router writes it. */
const trpcError = (code: string, httpStatus: number, message: string) => ({
  error: { message, code: -32000, data: { code, httpStatus, path: "x" } },
});

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  requests = [];
});

describe("inventory client", () => {
  it("reports an unreachable inventory as unavailable, not as a missing hold", async () => {
    const url = await inventoryAnswering(200);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const client = createInventoryClient(url, { timeoutMs: 1_000 });
    await expect(client.findMyHold(caller, reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
    await expect(client.release(caller, reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
  });

  it("reports a 5xx answer and an unreadable answer as unavailable", async () => {
    const failing = createInventoryClient(
      await inventoryAnswering(503, trpcError("SERVICE_UNAVAILABLE", 503, "busy")),
    );
    await expect(failing.release(caller, reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
    await expect(failing.findMyHold(caller, reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));

    const garbled = createInventoryClient(await inventoryAnswering(200, "<html>proxy</html>"));
    await expect(garbled.findMyHold(caller, reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
  });

  it("gives up on an inventory that does not answer within the timeout", async () => {
    const client = createInventoryClient(await inventoryAnswering(null), { timeoutMs: 300 });
    const started = Date.now();
    await expect(client.findMyHold(caller, reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("asks for the hold by id with the caller's token and request id", async () => {
    const hold = {
      reservationId,
      eventId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
      status: "active",
      expiresAt: "2026-11-25T22:00:00.000Z",
      currency: "EUR",
      totalCents: 4_500,
      seats: [
        {
          seatId: "0f1e2d3c-4b5a-4968-8776-655443322110",
          section: "A",
          row: "1",
          number: 1,
          label: "A-1-1",
          priceCents: 4_500,
        },
      ],
    };
    const client = createInventoryClient(await inventoryAnswering(200, { result: { data: hold } }));
    expect(await client.findMyHold(caller, reservationId)).toEqual(hold);
    const [request] = requests;
    const url = new URL(request!.url!, "http://inventory");
    expect(url.pathname).toBe("/trpc/myReservation");
    expect(JSON.parse(url.searchParams.get("input")!)).toEqual({ reservationId });
    expect(request!.headers).toMatchObject({
      authorization: "Bearer t",
      "x-correlation-id": "req-42",
    });
  });

  it("answers null for a hold inventory does not know as the caller's", async () => {
    const client = createInventoryClient(
      await inventoryAnswering(404, trpcError("NOT_FOUND", 404, "reservationId: no reservation")),
    );
    expect(await client.findMyHold(caller, reservationId)).toBeNull();
  });

  it("treats a hold inventory no longer lets the caller release as gone", async () => {
    const client = createInventoryClient(
      await inventoryAnswering(409, trpcError("CONFLICT", 409, "reservation is already expired")),
    );
    expect(await client.release(caller, reservationId)).toBe("gone");
    expect(requests[0]).toMatchObject({ method: "POST", url: "/trpc/release" });
  });
});
