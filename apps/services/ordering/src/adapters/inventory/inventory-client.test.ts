import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createInventoryClient, InventoryUnavailable } from "./inventory-client";

const reservationId = "2c1f4d5e-8a9b-4c3d-9e2f-1a2b3c4d5e6f";
let server: Server | undefined;

/** A stand-in inventory answering every request with `status` and `body`. */
const inventoryAnswering = async (status: number, body: unknown) => {
  server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe("inventory client", () => {
  it("reports an unreachable inventory as unavailable, not as a missing hold", async () => {
    const url = await inventoryAnswering(200, {});
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const client = createInventoryClient(url, { timeoutMs: 1_000 });
    await expect(client.findMyHold("t", reservationId)).rejects.toBeInstanceOf(
      InventoryUnavailable,
    );
    await expect(client.release("t", reservationId)).rejects.toBeInstanceOf(InventoryUnavailable);
  });

  it("reports a 5xx answer as unavailable", async () => {
    const client = createInventoryClient(
      await inventoryAnswering(503, { error: { data: { code: "SERVICE_UNAVAILABLE" } } }),
    );
    await expect(client.release("t", reservationId)).rejects.toBeInstanceOf(InventoryUnavailable);
  });

  it("finds the caller's hold among their reservations, and null when it is not there", async () => {
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
    const client = createInventoryClient(
      await inventoryAnswering(200, { result: { data: [hold] } }),
    );
    expect(await client.findMyHold("t", reservationId)).toMatchObject({
      reservationId,
      currency: "EUR",
    });
    expect(await client.findMyHold("t", "5b4a3928-1706-4f5e-9d8c-7b6a59483726")).toBeNull();
  });

  it("treats a hold inventory no longer lets the caller release as gone", async () => {
    const client = createInventoryClient(
      await inventoryAnswering(409, { error: { data: { code: "CONFLICT" } } }),
    );
    expect(await client.release("t", reservationId)).toBe("gone");
  });
});
