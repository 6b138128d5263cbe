import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/app/reservation-view";
import { startExpiryWorker, type ExpiryWorker } from "../src/app/expire-holds";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;
let secondWorker: ExpiryWorker;

beforeAll(async () => {
  // Small batches and a short interval, so the two workers really do compete for the same holds.
  h = await startHarness({ EXPIRY_BATCH_SIZE: "3", EXPIRY_INTERVAL_MS: "50" });
  secondWorker = startExpiryWorker(h.inventory.deps, { intervalMs: 50, batchSize: 3 });
});

afterAll(async () => {
  await secondWorker?.stop();
  await h?.stop();
});

describe("hold expiry", () => {
  it("frees each lapsed hold's seats and announces it exactly once with two workers running", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 40, holdTtlSeconds: 1 });
    const holds = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const { token, user } = await h.issuer.tokenFor();
        const outcome = await callTrpc<ReservationView>(
          h.baseUrl,
          "reserve",
          { eventId, seatIds: [seats[2 * i]!.seatId, seats[2 * i + 1]!.seatId] },
          { token },
        );
        if (!outcome.ok) throw new Error(outcome.message);
        return { view: outcome.data, customerId: user.id };
      }),
    );
    // The event's own TTL (1 s, from catalog) applies, not the 15-minute default.
    for (const { view } of holds) {
      const ttl = Date.parse(view.expiresAt) - Date.now();
      expect(ttl).toBeLessThanOrEqual(1_000);
    }

    await waitFor(
      "every seat free again",
      async () =>
        (await h.inventory.db.seat.count({ where: { eventId, state: "available" } })) === 40,
      { timeoutMs: 10_000 },
    );
    await waitFor(
      "20 reservation-expired events",
      () =>
        h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-expired").length >= 20,
    );
    // Time for a duplicate to show up, if either worker were to expire a hold twice.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const expired = h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-expired");
    expect(expired).toHaveLength(20);
    for (const { view, customerId } of holds) {
      const mine = expired.filter(
        (e) =>
          e.type === "inventory.reservation-expired" && e.data.reservationId === view.reservationId,
      );
      expect(mine.map((e) => e.data)).toEqual([
        {
          reservationId: view.reservationId,
          eventId,
          customerId,
          seatIds: view.seats.map((s) => s.seatId).sort(),
        },
      ]);
    }
    const statuses = await h.inventory.db.reservation.groupBy({
      by: ["status"],
      where: { eventId },
      _count: true,
    });
    expect(statuses).toEqual([{ status: "expired", _count: 20 }]);
    const seatRows = await h.inventory.db.seat.findMany({ where: { eventId } });
    expect(seatRows.every((s) => s.state === "available" && s.reservationId === null)).toBe(true);
  });

  it("lets another customer hold a seat once its previous hold has expired", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1, holdTtlSeconds: 1 });
    const seatIds = [seats[0]!.seatId];
    const first = await h.issuer.tokenFor();
    const second = await h.issuer.tokenFor();
    expect(
      (await callTrpc(h.baseUrl, "reserve", { eventId, seatIds }, { token: first.token })).ok,
    ).toBe(true);
    expect(
      await callTrpc(h.baseUrl, "reserve", { eventId, seatIds }, { token: second.token }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });

    await waitFor(
      "the seat to be held by the second customer",
      async () => {
        const outcome = await callTrpc(
          h.baseUrl,
          "reserve",
          { eventId, seatIds },
          { token: second.token },
        );
        return outcome.ok;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
  });
});
