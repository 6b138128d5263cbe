import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

// The per-customer cap counts by the token's email (lower-cased), so a buyer cannot get round it
// with several guest tokens, or a guest token next to their account.

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ MAX_SEATS_PER_CUSTOMER: "4" });
});

afterAll(async () => {
  await h?.stop();
});

const reserve = (token: string, eventId: string, seatIds: string[]) =>
  callTrpc<ReservationView>(h.baseUrl, "reserve", { eventId, seatIds }, { token });

const capMessage = (held: number, asked: number) =>
  `seatIds: at most 4 seats per customer for this event; you hold ${held} and asked for ${asked}`;

const heldSeatsOf = async (eventId: string) =>
  h.inventory.db.seat.count({ where: { eventId, state: "held" } });

describe("the per-customer cap counts by email", () => {
  it("stops two guest tokens with the same email from holding more than the cap together", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const ids = seats.map((s) => s.seatId);
    const email = `guest-${randomUUID().slice(0, 8)}@example.com`;
    const first = await h.issuer.tokenFor({ role: "guest", email });
    // Same address, other capitalisation: still the same customer.
    const second = await h.issuer.tokenFor({ role: "guest", email: email.toUpperCase() });
    expect(first.user.id).not.toBe(second.user.id);

    expect((await reserve(first.token, eventId, ids.slice(0, 3))).ok).toBe(true);
    expect(await reserve(second.token, eventId, ids.slice(3, 5))).toMatchObject({
      ok: false,
      status: 400,
      code: "BAD_REQUEST",
      message: capMessage(3, 2),
    });
    expect(await heldSeatsOf(eventId)).toBe(3);

    expect((await reserve(second.token, eventId, ids.slice(3, 4))).ok).toBe(true);
    const rows = await h.inventory.db.reservation.findMany({ where: { eventId } });
    expect(rows.map((r) => r.customerEmail)).toEqual([email, email]);
  });

  it("shares the cap between a guest token and an account with the same email", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const ids = seats.map((s) => s.seatId);
    const email = `buyer-${randomUUID().slice(0, 8)}@example.com`;
    const account = await h.issuer.tokenFor({ role: "customer", email });
    const guest = await h.issuer.tokenFor({ role: "guest", email });

    expect((await reserve(account.token, eventId, ids.slice(0, 2))).ok).toBe(true);
    expect(await reserve(guest.token, eventId, ids.slice(2, 5))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: capMessage(2, 3),
    });
    expect((await reserve(guest.token, eventId, ids.slice(2, 4))).ok).toBe(true);
    expect(await reserve(account.token, eventId, ids.slice(4, 5))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: capMessage(4, 1),
    });
    expect(await heldSeatsOf(eventId)).toBe(4);
  });

  it("gives different emails a cap each", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 8 });
    const ids = seats.map((s) => s.seatId);
    const one = await h.issuer.tokenFor({ role: "guest" });
    const other = await h.issuer.tokenFor({ role: "guest" });
    expect(one.user.email).not.toBe(other.user.email);

    expect((await reserve(one.token, eventId, ids.slice(0, 4))).ok).toBe(true);
    expect((await reserve(other.token, eventId, ids.slice(4, 8))).ok).toBe(true);
    expect(await heldSeatsOf(eventId)).toBe(8);
  });

  it("still counts a hold recorded before emails were kept, by its customer id", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const ids = seats.map((s) => s.seatId);
    const buyer = await h.issuer.tokenFor();
    // As a hold written before the customer_email column: same customer id, no email.
    const old = randomUUID();
    await h.inventory.db.reservation.create({
      data: {
        id: old,
        eventId,
        customerId: buyer.user.id,
        currency: "EUR",
        expiresAt: new Date(Date.now() + 600_000),
        seats: {
          create: ids.slice(0, 3).map((seatId) => ({ seatId, priceCents: 4_500 })),
        },
      },
    });

    expect(await reserve(buyer.token, eventId, ids.slice(3, 5))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: capMessage(3, 2),
    });
    expect((await reserve(buyer.token, eventId, ids.slice(3, 4))).ok).toBe(true);
  });

  it("lets no more than the cap through when ten tokens of one email race for a seat each", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 10 });
    const email = `racer-${randomUUID().slice(0, 8)}@example.com`;
    const tokens = await Promise.all(seats.map(() => h.issuer.tokenFor({ role: "guest", email })));

    const outcomes = await Promise.all(
      tokens.map(({ token }, i) => reserve(token, eventId, [seats[i]!.seatId])),
    );

    expect(outcomes.filter((o) => o.ok)).toHaveLength(4);
    for (const o of outcomes.filter((o) => !o.ok)) {
      expect(o).toMatchObject({ status: 400, code: "BAD_REQUEST", message: capMessage(4, 1) });
    }
    expect(await heldSeatsOf(eventId)).toBe(4);
  });
});
