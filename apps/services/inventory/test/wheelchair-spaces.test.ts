import { randomUUID } from "node:crypto";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/**
 * Stalls, rows A–C of 10 seats at £85, published through catalog's real seats-generated event:
 * A1 and A10 are wheelchair spaces (`accessible`), as catalog's generated layouts have them.
 */
const stockStalls = async () => {
  const eventId = randomUUID();
  const seats = ["A", "B", "C"].flatMap((row) =>
    Array.from({ length: 10 }, (_, i) => ({
      seatId: randomUUID(),
      section: "Stalls",
      row,
      number: i + 1,
      tier: "standard",
      priceCents: 8_500,
      accessible: row === "A" && (i === 0 || i === 9),
    })),
  );
  await h.publish(
    createEvent(SeatsGenerated, {
      key: eventId,
      correlationId: randomUUID(),
      data: {
        eventId,
        layoutId: randomUUID(),
        part: 1,
        parts: 1,
        currency: "GBP",
        holdTtlSeconds: 900,
        seats,
      },
    }),
    Topics.catalogEvents,
  );
  await waitFor(
    "stock for 30 seats",
    async () => (await h.inventory.db.seat.count({ where: { eventId } })) === seats.length,
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  return eventId;
};

type BestInput = { eventId: string; quantity: number; accessible?: boolean };

/** Each call is a different customer, so the per-customer cap never decides. */
const holdBest = async (input: BestInput) =>
  callTrpc<ReservationView>(h.baseUrl, "holdBestAvailable", input, {
    token: (await h.issuer.tokenFor()).token,
  });

const where = (view: ReservationView) => view.seats.map((s) => `${s.row}${s.number}`).sort();

const seatRows = (eventId: string) =>
  h.inventory.db.seat.findMany({
    where: { eventId },
    select: {
      id: true,
      row: true,
      number: true,
      state: true,
      accessible: true,
      reservationId: true,
    },
  });

describe("wheelchair spaces", () => {
  it("stores catalog's accessible flag on each seat", async () => {
    const eventId = await stockStalls();
    const spaces = (await seatRows(eventId))
      .filter((seat) => seat.accessible)
      .map((seat) => `${seat.row}${seat.number}`)
      .sort();
    expect(spaces).toEqual(["A1", "A10"]);
  });

  it("never gives a wheelchair space to a buyer who did not ask for one, even when only spaces are left", async () => {
    const eventId = await stockStalls();
    // Pairs until none is left side by side, then single seats until every ordinary seat is gone.
    const held: string[] = [];
    for (const quantity of [2, 1]) {
      for (let i = 0; i < 30; i += 1) {
        const answer = await holdBest({ eventId, quantity });
        if (!answer.ok) break;
        held.push(...where(answer.data));
      }
    }
    expect(held).not.toContain("A1");
    expect(held).not.toContain("A10");
    expect(held).toHaveLength(28);

    // Only the two spaces are free now: a single seat is refused, saying why.
    const single = await holdBest({ eventId, quantity: 1 });
    expect(single).toMatchObject({
      ok: false,
      status: 409,
      code: "CONFLICT",
      message:
        "No seats are left for this event except wheelchair spaces; ask for wheelchair seating if you need one",
    });
    const rows = await seatRows(eventId);
    expect(rows.filter((seat) => seat.accessible).map((seat) => seat.state)).toEqual([
      "available",
      "available",
    ]);
    expect(rows.filter((seat) => !seat.accessible).every((seat) => seat.state === "held")).toBe(
      true,
    );
  });

  it("holds a wheelchair space with companion seats beside it when asked, and announces it", async () => {
    const eventId = await stockStalls();
    const ordinary = await holdBest({ eventId, quantity: 2 });
    expect(ordinary.ok && where(ordinary.data)).toEqual(["A5", "A6"]);

    const withCompanion = await holdBest({ eventId, quantity: 2, accessible: true });
    expect(withCompanion.ok && where(withCompanion.data)).toEqual(["A1", "A2"]);
    const alone = await holdBest({ eventId, quantity: 1, accessible: true });
    expect(alone.ok && where(alone.data)).toEqual(["A10"]);

    // The database holds those seats under each answer's reservation, and says so on Kafka.
    const rows = await seatRows(eventId);
    for (const answer of [withCompanion, alone]) {
      if (!answer.ok) throw new Error(answer.message);
      const mine = rows.filter((seat) => seat.reservationId === answer.data.reservationId);
      expect(mine.map((seat) => seat.id).sort()).toEqual(
        answer.data.seats.map((seat) => seat.seatId).sort(),
      );
      expect(mine.every((seat) => seat.state === "held")).toBe(true);
      expect(mine.filter((seat) => seat.accessible)).toHaveLength(1);
      await waitFor("its reservation-created", () =>
        h
          .eventsOf(eventId)
          .some(
            (e) =>
              e.type === "inventory.reservation-created" &&
              (e.data as { reservationId: string }).reservationId === answer.data.reservationId,
          ),
      );
    }

    // Both spaces are taken: wheelchair seating is refused, ordinary seats are still offered.
    const none = await holdBest({ eventId, quantity: 1, accessible: true });
    expect(none).toMatchObject({
      ok: false,
      status: 409,
      message: "No wheelchair spaces are left for this event",
    });
    const more = await holdBest({ eventId, quantity: 2 });
    expect(more.ok && where(more.data)).toEqual(["A3", "A4"]);
  });

  it("refuses wheelchair seating with more companions than fit beside a space, and a malformed flag", async () => {
    const eventId = await stockStalls();
    // Seat 5 of row A held by hand: the spaces keep 3 and 4 seats beside them (A2–4, A6–9).
    const a5 = (await seatRows(eventId)).find((seat) => seat.row === "A" && seat.number === 5)!;
    const byHand = await callTrpc<ReservationView>(
      h.baseUrl,
      "reserve",
      { eventId, seatIds: [a5.id] },
      { token: (await h.issuer.tokenFor()).token },
    );
    expect(byHand.ok).toBe(true);
    const tooMany = await holdBest({ eventId, quantity: 6, accessible: true });
    expect(tooMany).toMatchObject({
      ok: false,
      status: 409,
      message:
        "Only 5 seats together with a wheelchair space are left for this event; ask for 5 or fewer",
    });
    const malformed = await callTrpc(
      h.baseUrl,
      "holdBestAvailable",
      { eventId, quantity: 1, accessible: "yes" },
      { token: (await h.issuer.tokenFor()).token },
    );
    expect(malformed).toMatchObject({ ok: false, status: 400, code: "BAD_REQUEST" });
    expect(malformed.ok ? "" : malformed.message).toContain("accessible");
    expect((await seatRows(eventId)).filter((seat) => seat.state === "held")).toHaveLength(1);
  });
});
