import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

// A guest who signs in keeps their seats: the guest's live holds become the account's, within the
// account's per-customer cap (4 here), or nothing moves.

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ MAX_SEATS_PER_CUSTOMER: "4" });
});

afterAll(async () => {
  await h?.stop();
});

const reserve = (token: string, eventId: string, seatIds: string[]) =>
  callTrpc<ReservationView>(h.baseUrl, "reserve", { eventId, seatIds }, { token });

const adopt = (token: string, guestToken: string) =>
  callTrpc<{ reservationIds: string[] }>(h.baseUrl, "adoptGuestHolds", { guestToken }, { token });

const ownersOf = async (eventId: string) =>
  (
    await h.inventory.db.reservation.findMany({
      where: { eventId },
      select: { customerId: true, customerEmail: true, status: true },
    })
  ).map((r) => `${r.customerId} ${r.customerEmail} ${r.status}`);

const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.com`;

describe("adoptGuestHolds", () => {
  it("gives every live hold of the guest to the signed-in account, once", async () => {
    const first = await h.stockEvent({ seats: 3 });
    const second = await h.stockEvent({ seats: 2 });
    const guest = await h.issuer.tokenFor({ role: "guest", email: email("guest") });
    const account = await h.issuer.tokenFor({ role: "customer", email: email("Buyer") });
    const a = await reserve(guest.token, first.eventId, [first.seats[0]!.seatId]);
    const b = await reserve(guest.token, second.eventId, [second.seats[0]!.seatId]);
    if (!a.ok || !b.ok) throw new Error("the guest could not hold");

    const adopted = await adopt(account.token, guest.token);
    expect(adopted).toMatchObject({ ok: true });
    expect(adopted.ok && [...adopted.data.reservationIds].sort()).toEqual(
      [a.data.reservationId, b.data.reservationId].sort(),
    );
    const owner = `${account.user.id} ${account.user.email.toLowerCase()} active`;
    expect(await ownersOf(first.eventId)).toEqual([owner]);
    expect(await ownersOf(second.eventId)).toEqual([owner]);
    // The account now sees the hold as its own, with its expiry unchanged; the guest no longer does.
    expect(
      await callTrpc(
        h.baseUrl,
        "myReservation",
        { reservationId: a.data.reservationId },
        { token: account.token, kind: "query" },
      ),
    ).toMatchObject({ ok: true, data: { expiresAt: a.data.expiresAt, status: "active" } });
    expect(
      await callTrpc(
        h.baseUrl,
        "myReservation",
        { reservationId: a.data.reservationId },
        { token: guest.token, kind: "query" },
      ),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });

    expect(await adopt(account.token, guest.token)).toMatchObject({
      ok: true,
      data: { reservationIds: [] },
    });
  });

  it("moves nothing when the account would hold more than the cap", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const ids = seats.map((s) => s.seatId);
    const guest = await h.issuer.tokenFor({ role: "guest", email: email("guest") });
    const account = await h.issuer.tokenFor({ role: "customer", email: email("buyer") });
    expect((await reserve(account.token, eventId, ids.slice(0, 3))).ok).toBe(true);
    expect((await reserve(guest.token, eventId, ids.slice(3, 5))).ok).toBe(true);

    expect(await adopt(account.token, guest.token)).toEqual({
      ok: false,
      status: 400,
      code: "BAD_REQUEST",
      message: `guestToken: at most 4 seats per customer for event ${eventId}; you hold 3 and the guest's holds have 2`,
    });
    expect((await ownersOf(eventId)).sort()).toEqual(
      [
        `${account.user.id} ${account.user.email} active`,
        `${guest.user.id} ${guest.user.email} active`,
      ].sort(),
    );
  });

  it("refuses a token that is not a guest's, a forged one and a guest caller, naming guestToken", async () => {
    const guest = await h.issuer.tokenFor({ role: "guest", email: email("guest") });
    const account = await h.issuer.tokenFor({ role: "customer", email: email("buyer") });
    expect(await adopt(account.token, account.token)).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "guestToken: not a guest's token",
    });
    expect(await adopt(account.token, "not-a-token")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "guestToken: not a valid guest token",
    });
    expect(await adopt(guest.token, guest.token)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
