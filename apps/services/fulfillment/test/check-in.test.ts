import { randomUUID } from "node:crypto";
import { formatLocalTime } from "@marquee/tickets/event-time";
import { generateShortCode, SHORT_CODE_ALPHABET } from "@marquee/tickets/short-code";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckInListView } from "../src/app/check-in-list-view";
import type { TicketView } from "../src/app/ticket-view";
import {
  callTrpc,
  dataOf,
  SIGNING_KEY,
  startHarness,
  type Harness,
  type PublishedEvent,
} from "./harness";

type Seat = { section: string; row: string; number: number };
type CheckedIn = { ticket: TicketView; checkedInAt: string; list: CheckInListView };
type Undone = { ticket: TicketView; list: CheckInListView };

let h: Harness;
let adminToken: string;
let owls: PublishedEvent;
let derby: PublishedEvent;
beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;
  owls = await h.publishEvent({ name: "Night Owls Live" });
  derby = await h.publishEvent({
    name: "Stadium Derby",
    startsAt: "2026-12-19T14:30:00.000Z",
    timeZone: "Europe/London",
  });
});
afterAll(async () => {
  await h?.stop();
});

/** A confirmed order's tickets, in seat order. */
const buy = async (eventId: string, seats: Seat[]): Promise<TicketView[]> =>
  (await h.buyTickets(eventId, seats)).tickets;

const createList = async (eventId: string, name: string, sections?: string[]) =>
  dataOf(
    await callTrpc<CheckInListView>(
      h.baseUrl,
      "createCheckInList",
      { eventId, name, ...(sections ? { sections } : {}) },
      { token: adminToken },
    ),
  );
const lists = (eventId: string, token = adminToken) =>
  callTrpc<CheckInListView[]>(h.baseUrl, "checkInLists", { eventId }, { token, kind: "query" });
const checkIn = (listId: string, code: string, token = adminToken) =>
  callTrpc<CheckedIn>(h.baseUrl, "checkIn", { listId, code }, { token });
const undo = (listId: string, token = adminToken) =>
  callTrpc<Undone>(h.baseUrl, "undoLastCheckIn", { listId }, { token });

const ticketRow = async (ticketId: string) => {
  const [row] = await h.fulfillment.db.$queryRawUnsafe<
    { checkedInAt: Date | null; voidedAt: Date | null; voidReason: string | null }[]
  >(
    `SELECT checked_in_at AS "checkedInAt", voided_at AS "voidedAt", void_reason AS "voidReason"
       FROM ticket WHERE id = $1::uuid`,
    ticketId,
  );
  return row;
};
const checkInRows = (ticketId: string) =>
  h.fulfillment.db.$queryRawUnsafe<{ listId: string; undone: boolean }[]>(
    `SELECT list_id::text AS "listId", undone_at IS NOT NULL AS undone
       FROM check_in WHERE ticket_id = $1::uuid ORDER BY checked_in_at`,
    ticketId,
  );
const eventsOfTicket = (ticketId: string, type: string) =>
  h.events.filter(
    (e) => e.type === type && (e.data as { ticketId?: string }).ticketId === ticketId,
  );

describe("check-in lists", () => {
  it("creates lists for an event (name trimmed, sections optional) and counts admitted / expected", async () => {
    const event = await h.publishEvent({ name: "Counting Night" });
    await buy(event.eventId, [
      { section: "A", row: "1", number: 1 },
      { section: "A", row: "1", number: 2 },
      { section: "B", row: "1", number: 1 },
    ]);
    const main = await createList(event.eventId, "  Main entrance  ");
    expect(main).toMatchObject({
      eventId: event.eventId,
      eventName: "Counting Night",
      name: "Main entrance",
      sections: [],
      admitted: 0,
      expected: 3,
    });
    expect(Number.isNaN(Date.parse(main.createdAt))).toBe(false);
    const gateB = await createList(event.eventId, "Gate B", ["B", "B", "C"]);
    expect(gateB).toMatchObject({ sections: ["B", "C"], admitted: 0, expected: 1 });

    const listed = dataOf(await lists(event.eventId));
    expect(listed.map((l) => [l.name, l.admitted, l.expected])).toEqual([
      ["Main entrance", 0, 3],
      ["Gate B", 0, 1],
    ]);
    expect(dataOf(await lists(randomUUID()))).toEqual([]);
  });

  it("refuses a list for an event ticketing does not know, and a name that is empty or too long", async () => {
    const unknown = randomUUID();
    const outcome = await callTrpc(
      h.baseUrl,
      "createCheckInList",
      { eventId: unknown, name: "Main entrance" },
      { token: adminToken },
    );
    expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(outcome.ok ? "" : outcome.message).toContain(unknown);
    for (const name of ["   ", "x".repeat(61)]) {
      const bad = await callTrpc(
        h.baseUrl,
        "createCheckInList",
        { eventId: owls.eventId, name },
        { token: adminToken },
      );
      expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(bad.ok ? "" : bad.message).toMatch(/name/);
    }
  });
});

describe("checking tickets in at a desk", () => {
  it("admits a valid ticket once, records it on the list, counts it and announces it", async () => {
    const [ticket, other] = await buy(owls.eventId, [
      { section: "A", row: "5", number: 1 },
      { section: "A", row: "5", number: 2 },
    ]);
    const list = await createList(owls.eventId, "Main entrance");
    const first = dataOf(await checkIn(list.id, ticket!.code));
    expect(first.ticket).toMatchObject({ ticketId: ticket!.ticketId, section: "A", row: "5" });
    expect(first.ticket.checkedInAt).toBe(first.checkedInAt);
    expect(first.list).toMatchObject({ id: list.id, admitted: 1, expected: list.expected });
    expect(await checkInRows(ticket!.ticketId)).toEqual([{ listId: list.id, undone: false }]);

    const announced = await waitFor("ticket-checked-in on Kafka", () =>
      eventsOfTicket(ticket!.ticketId, "fulfillment.ticket-checked-in").at(0),
    );
    expect(announced.data).toMatchObject({
      orderId: ticket!.orderId,
      eventId: owls.eventId,
      checkedInAt: first.checkedInAt,
      listId: list.id,
    });

    const at = formatLocalTime(first.checkedInAt, "Europe/Berlin");
    expect(await checkIn(list.id, ticket!.code)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `Already checked in at ${at} (Main entrance) — Section A, row 5, seat 1`,
    });
    // The refusal changed nothing; the other ticket is still out.
    expect(await checkInRows(ticket!.ticketId)).toHaveLength(1);
    expect((await ticketRow(other!.ticketId))?.checkedInAt).toBeNull();
  });

  it("refuses a ticket of another event, naming that event and its date, and admits nothing", async () => {
    const [stadiumTicket] = await buy(derby.eventId, [{ section: "North", row: "12", number: 7 }]);
    const list = await createList(owls.eventId, "Main entrance");
    for (const code of [stadiumTicket!.code, stadiumTicket!.shortCode]) {
      expect(await checkIn(list.id, code)).toMatchObject({
        ok: false,
        code: "PRECONDITION_FAILED",
        message: "This ticket is for Stadium Derby on Saturday 19 December 2026, not this event",
      });
    }
    expect((await ticketRow(stadiumTicket!.ticketId))?.checkedInAt).toBeNull();
  });

  it("sends a seat whose section is not on the list to another gate, and admits listed ones", async () => {
    const [inA, inB] = await buy(owls.eventId, [
      { section: "A", row: "7", number: 3 },
      { section: "B", row: "2", number: 9 },
    ]);
    const gate = await createList(owls.eventId, "Gate B", ["B", "C"]);
    expect(await checkIn(gate.id, inA!.code)).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "Section A, row 7, seat 3 enters through another gate (this desk: B, C)",
    });
    expect((await ticketRow(inA!.ticketId))?.checkedInAt).toBeNull();
    expect(dataOf(await checkIn(gate.id, inB!.code)).ticket.ticketId).toBe(inB!.ticketId);
  });

  it("refuses every ticket of a cancelled event as void, and stops expecting them", async () => {
    const event = await h.publishEvent({ name: "Rained Off" });
    const tickets = await buy(event.eventId, [
      { section: "A", row: "1", number: 1 },
      { section: "A", row: "1", number: 2 },
    ]);
    const list = await createList(event.eventId, "Main entrance");
    expect(list.expected).toBe(2);
    await h.cancelEvent(event);

    expect(await checkIn(list.id, tickets[0]!.code)).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "Rained Off was cancelled; this ticket is void",
    });
    for (const t of tickets) {
      expect(await ticketRow(t.ticketId)).toMatchObject({
        checkedInAt: null,
        voidReason: "the event was cancelled",
      });
    }
    expect(dataOf(await lists(event.eventId))[0]).toMatchObject({ admitted: 0, expected: 0 });
    const mine = dataOf(
      await callTrpc<TicketView[]>(
        h.baseUrl,
        "orderTickets",
        { orderId: tickets[0]!.orderId },
        { token: adminToken, kind: "query" },
      ),
    );
    expect(mine[0]?.voidReason).toBe("the event was cancelled");
  });

  it("refuses a void ticket with its reason", async () => {
    const [ticket] = await buy(owls.eventId, [{ section: "A", row: "8", number: 1 }]);
    // Nothing but a cancellation voids tickets yet (refunds and transfers will): void it directly.
    await h.fulfillment.db.$executeRawUnsafe(
      `UPDATE ticket SET voided_at = now(), void_reason = 'refunded' WHERE id = $1::uuid`,
      ticket!.ticketId,
    );
    const list = await createList(owls.eventId, "Main entrance");
    expect(await checkIn(list.id, ticket!.shortCode)).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "Ticket void: refunded",
    });
    expect((await ticketRow(ticket!.ticketId))?.checkedInAt).toBeNull();
  });

  it("admits exactly one of two scanners scanning the same ticket at once at two desks", async () => {
    const [ticket] = await buy(owls.eventId, [{ section: "A", row: "9", number: 1 }]);
    const north = await createList(owls.eventId, "North door");
    const south = await createList(owls.eventId, "South door");
    const outcomes = await Promise.all([
      checkIn(north.id, ticket!.code),
      checkIn(south.id, ticket!.shortCode.toLowerCase()),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.code === "CONFLICT")).toHaveLength(1);
    expect((await checkInRows(ticket!.ticketId)).filter((r) => !r.undone)).toHaveLength(1);
    await waitFor("ticket-checked-in on Kafka", () =>
      eventsOfTicket(ticket!.ticketId, "fulfillment.ticket-checked-in").at(0),
    );
    expect(eventsOfTicket(ticket!.ticketId, "fulfillment.ticket-checked-in")).toHaveLength(1);
  });
});

describe("short codes at the desk", () => {
  it("admits a short code typed in any case, with hyphens or spaces", async () => {
    const tickets = await buy(owls.eventId, [
      { section: "C", row: "1", number: 1 },
      { section: "C", row: "1", number: 2 },
      { section: "C", row: "1", number: 3 },
    ]);
    const list = await createList(owls.eventId, "Main entrance");
    const [lower, spaced, bare] = tickets.map((t) => t.shortCode);
    expect(lower).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const typed = [
      lower!.toLowerCase(),
      ` ${spaced!.replace("-", " ").slice(0, 3)} ${spaced!.replace("-", " ").slice(3)} `,
      bare!.replace("-", ""),
    ];
    for (const [i, code] of typed.entries()) {
      const admitted = dataOf(await checkIn(list.id, code));
      expect(admitted.ticket.ticketId).toBe(tickets[i]!.ticketId);
    }
  });

  it("refuses a short code with a typo as such, and a well-formed code nobody holds as unknown", async () => {
    const [ticket] = await buy(owls.eventId, [{ section: "C", row: "2", number: 1 }]);
    const list = await createList(owls.eventId, "Main entrance");
    const code = ticket!.shortCode.replace("-", "");
    const at = 4;
    const other = SHORT_CODE_ALPHABET[(SHORT_CODE_ALPHABET.indexOf(code[at]!) + 1) % 32]!;
    const typo = code.slice(0, at) + other + code.slice(at + 1);
    const swapped = code.slice(0, 2) + code[3] + code[2] + code.slice(4);
    for (const wrong of [typo, ...(swapped !== code && !/0Z|Z0/.test(code) ? [swapped] : [])]) {
      expect(await checkIn(list.id, wrong)).toMatchObject({
        ok: false,
        code: "BAD_REQUEST",
        message: "That code has a typo — check it and try again",
      });
    }
    expect((await ticketRow(ticket!.ticketId))?.checkedInAt).toBeNull();
    expect(await checkIn(list.id, generateShortCode())).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "No ticket with this code",
    });
  });

  it("refuses a forged or altered QR payload, and a genuine one for no ticket", async () => {
    const [ticket] = await buy(owls.eventId, [{ section: "C", row: "3", number: 1 }]);
    const list = await createList(owls.eventId, "Main entrance");
    const genuine = ticket!.code;
    const altered = genuine.slice(0, 10) + (genuine[10] === "A" ? "B" : "A") + genuine.slice(11);
    const forged = signTicketCode("someone-elses-key-0123456789abcdefgh", {
      ticketId: ticket!.ticketId,
      eventId: owls.eventId,
    });
    for (const code of [altered, forged, "hello", "MQ1.x.y", ticket!.ticketId]) {
      expect(await checkIn(list.id, code)).toMatchObject({
        ok: false,
        code: "BAD_REQUEST",
        message: "Not a Marquee ticket code",
      });
    }
    const unknown = signTicketCode(SIGNING_KEY, { ticketId: randomUUID(), eventId: owls.eventId });
    expect(await checkIn(list.id, unknown)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "No ticket with this code",
    });
  });
});

describe("undoing the last check-in", () => {
  it("takes back check-ins on its list from the last one, announces it, and lets the ticket in again", async () => {
    const [first, second] = await buy(owls.eventId, [
      { section: "D", row: "1", number: 1 },
      { section: "D", row: "1", number: 2 },
    ]);
    const list = await createList(owls.eventId, "Undo desk", ["D"]);
    const elsewhere = await createList(owls.eventId, "Other desk", ["D"]);
    dataOf(await checkIn(list.id, first!.code));
    const admitted = dataOf(await checkIn(list.id, second!.shortCode));
    expect(admitted.list).toMatchObject({ admitted: 2, expected: 2 });
    // Nothing was checked in on the other desk: nothing to undo there.
    expect(await undo(elsewhere.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "Nothing to undo on this list",
    });

    const undone = dataOf(await undo(list.id));
    expect(undone.ticket).toMatchObject({ ticketId: second!.ticketId, checkedInAt: null });
    expect(undone.list).toMatchObject({ id: list.id, admitted: 1, expected: 2 });
    expect((await ticketRow(second!.ticketId))?.checkedInAt).toBeNull();
    const announced = await waitFor("ticket-check-in-undone on Kafka", () =>
      eventsOfTicket(second!.ticketId, "fulfillment.ticket-check-in-undone").at(0),
    );
    expect(announced.data).toMatchObject({
      orderId: second!.orderId,
      eventId: owls.eventId,
      listId: list.id,
      checkedInAt: admitted.checkedInAt,
    });

    expect(dataOf(await undo(list.id)).ticket.ticketId).toBe(first!.ticketId);
    expect(await undo(list.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "Nothing to undo on this list",
    });

    const again = dataOf(await checkIn(list.id, second!.code));
    expect(again.list).toMatchObject({ admitted: 1, expected: 2 });
    expect(await checkInRows(second!.ticketId)).toEqual([
      { listId: list.id, undone: true },
      { listId: list.id, undone: false },
    ]);
    // The re-admitted ticket is the last one again.
    expect(dataOf(await undo(list.id)).ticket.ticketId).toBe(second!.ticketId);
  });

  it("undoes two check-ins when two undos race, never one twice", async () => {
    const tickets = await buy(owls.eventId, [
      { section: "E", row: "1", number: 1 },
      { section: "E", row: "1", number: 2 },
      { section: "E", row: "1", number: 3 },
    ]);
    const list = await createList(owls.eventId, "Race desk", ["E"]);
    for (const t of tickets) dataOf(await checkIn(list.id, t.code));
    const outcomes = await Promise.all([undo(list.id), undo(list.id)]);
    const ids = outcomes.map((o) => dataOf(o).ticket.ticketId).sort();
    expect(ids).toEqual([tickets[1]!.ticketId, tickets[2]!.ticketId].sort());
    expect(dataOf(await lists(owls.eventId)).find((l) => l.id === list.id)?.admitted).toBe(1);
  });
});

describe("who may work the door", () => {
  it("refuses customers on every door procedure, and names an unknown list", async () => {
    const { token } = await h.issuer.tokenFor();
    const list = await createList(owls.eventId, "Main entrance");
    const [ticket] = await buy(owls.eventId, [{ section: "F", row: "1", number: 1 }]);
    for (const outcome of [
      await lists(owls.eventId, token),
      await callTrpc(
        h.baseUrl,
        "createCheckInList",
        { eventId: owls.eventId, name: "Mine" },
        { token },
      ),
      await checkIn(list.id, ticket!.code, token),
      await undo(list.id, token),
    ]) {
      expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect((await ticketRow(ticket!.ticketId))?.checkedInAt).toBeNull();

    const missing = randomUUID();
    for (const outcome of [await checkIn(missing, ticket!.code), await undo(missing)]) {
      expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(outcome.ok ? "" : outcome.message).toContain(missing);
    }
  });

  it("lets door staff work the doors of their events only, and nothing else", async () => {
    const { token: staff } = await h.issuer.tokenFor({
      role: "staff",
      doorEvents: [owls.eventId],
    });
    const [owlsTicket] = await buy(owls.eventId, [{ section: "G", row: "1", number: 1 }]);
    const [derbyTicket] = await buy(derby.eventId, [{ section: "G", row: "1", number: 1 }]);

    // Their event: lists, a new list, a check-in and its undo.
    const mine = dataOf(
      await callTrpc<CheckInListView>(
        h.baseUrl,
        "createCheckInList",
        { eventId: owls.eventId, name: "Staff desk", sections: ["G"] },
        { token: staff },
      ),
    );
    expect(dataOf(await lists(owls.eventId, staff)).map((l) => l.id)).toContain(mine.id);
    expect(dataOf(await checkIn(mine.id, owlsTicket!.shortCode, staff)).ticket.ticketId).toBe(
      owlsTicket!.ticketId,
    );
    expect(dataOf(await undo(mine.id, staff)).ticket.ticketId).toBe(owlsTicket!.ticketId);

    // Another event's door, even through a list an admin made.
    const derbyList = await createList(derby.eventId, "Derby gate");
    for (const outcome of [
      await lists(derby.eventId, staff),
      await callTrpc(
        h.baseUrl,
        "createCheckInList",
        { eventId: derby.eventId, name: "Mine" },
        { token: staff },
      ),
      await checkIn(derbyList.id, derbyTicket!.code, staff),
      await undo(derbyList.id, staff),
    ]) {
      expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect((await ticketRow(derbyTicket!.ticketId))?.checkedInAt).toBeNull();

    // Nothing but the door.
    expect(
      await callTrpc(h.baseUrl, "myTickets", undefined, { token: staff, kind: "query" }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "door staff can only check tickets in",
    });
    expect(
      await callTrpc(
        h.baseUrl,
        "orderTickets",
        { orderId: owlsTicket!.orderId },
        { token: staff, kind: "query" },
      ),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
