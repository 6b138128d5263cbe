import { createPublicKey, verify } from "node:crypto";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckInListView } from "../src/app/check-in-list-view";
import type { SignedDoorList } from "../src/app/door-list";
import type { DuplicateAdmissionView } from "../src/app/list-duplicate-admissions";
import type { SyncedCheckIns } from "../src/app/sync-check-ins";
import type { TicketView } from "../src/app/ticket-view";
import type { DoorListPublicKey } from "../src/adapters/keys/door-list-key";
import { qrEntry, shortCodeEntry, type DoorListPayload } from "../src/domain/door-list";
import { callTrpc, dataOf, startHarness, type Harness, type PublishedEvent } from "./harness";

type Seat = { section: string; row: string; number: number };

let h: Harness;
let adminToken: string;
let event: PublishedEvent;
beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;
  event = await h.publishEvent({ name: "Offline Night" });
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
const doorList = (listId: string, token = adminToken) =>
  callTrpc<SignedDoorList>(h.baseUrl, "doorList", { listId }, { token, kind: "query" });
const doorListKey = async () =>
  dataOf(await callTrpc<DoorListPublicKey>(h.baseUrl, "doorListKey", undefined, { kind: "query" }));
const sync = (
  listId: string,
  deviceId: string,
  scans: { code: string; scannedAt: string }[],
  token = adminToken,
) => callTrpc<SyncedCheckIns>(h.baseUrl, "syncCheckIns", { listId, deviceId, scans }, { token });
const duplicates = async (eventId: string) =>
  dataOf(
    await callTrpc<DuplicateAdmissionView[]>(
      h.baseUrl,
      "duplicateAdmissions",
      { eventId },
      { token: adminToken, kind: "query" },
    ),
  );

/** Verifies a door list as a device does: ES256 (P1363) over the payload's bytes, with the JWK. */
const verifies = (key: DoorListPublicKey, list: SignedDoorList): boolean =>
  verify(
    "sha256",
    Buffer.from(list.payload, "utf8"),
    {
      key: createPublicKey({
        key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y },
        format: "jwk",
      }),
      dsaEncoding: "ieee-p1363",
    },
    Buffer.from(list.signature, "base64url"),
  );

const checkInRows = (ticketId: string) =>
  h.fulfillment.db.$queryRawUnsafe<{ checkedInAt: Date; deviceId: string | null }[]>(
    `SELECT checked_in_at AS "checkedInAt", device_id AS "deviceId"
       FROM check_in WHERE ticket_id = $1::uuid AND undone_at IS NULL ORDER BY checked_in_at`,
    ticketId,
  );
const checkedInEvents = (ticketId: string) =>
  h.events.filter(
    (e) =>
      e.type === "fulfillment.ticket-checked-in" &&
      (e.data as { ticketId?: string }).ticketId === ticketId,
  );
const at = (minute: number) => new Date(Date.UTC(2026, 11, 12, 18, minute)).toISOString();

describe("the signed door list", () => {
  it("verifies with the served public key and fails once anything in it is altered", async () => {
    const [ticket] = await buy(event.eventId, [{ section: "A", row: "1", number: 1 }]);
    const list = await createList(event.eventId, "Main entrance");
    const signed = dataOf(await doorList(list.id));
    const key = await doorListKey();
    expect(signed.keyId).toBe(key.kid);
    expect(verifies(key, signed)).toBe(true);

    const payload = JSON.parse(signed.payload) as DoorListPayload;
    expect(payload).toMatchObject({
      format: "marquee-door-list/1",
      listId: list.id,
      listName: "Main entrance",
      eventId: event.eventId,
      eventName: "Offline Night",
      timeZone: event.timeZone,
      sections: [],
    });
    expect(Number.isNaN(Date.parse(payload.issuedAt))).toBe(false);
    // A device admits a ticket it has never seen, by its short code or its QR.
    const entry = payload.tickets.find((t) => t.qrHash === qrEntry(ticket!.code));
    expect(entry).toMatchObject({ section: "A", row: "1", number: 1, checkedInAt: null });
    expect(entry?.shortCodeHash).toBe(
      await shortCodeEntry(list.id, ticket!.shortCode.replace("-", "")),
    );

    // One seat changed, a ticket added, or another list's signature: none verifies.
    const moved = signed.payload.replace('"number":1', '"number":2');
    expect(moved).not.toBe(signed.payload);
    expect(verifies(key, { ...signed, payload: moved })).toBe(false);
    const added = JSON.stringify({
      ...payload,
      tickets: [...payload.tickets, { ...entry, shortCodeHash: "forged" }],
    });
    expect(verifies(key, { ...signed, payload: added })).toBe(false);
    const other = dataOf(await doorList((await createList(event.eventId, "Gate B")).id));
    expect(verifies(key, { ...signed, signature: other.signature })).toBe(false);
  });

  it("holds only admissible tickets, and no code, short code or ticket id that could become a ticket", async () => {
    const night = await h.publishEvent({ name: "Gated Night" });
    const tickets = await buy(night.eventId, [
      { section: "A", row: "1", number: 1 },
      { section: "A", row: "1", number: 2 },
      { section: "B", row: "1", number: 1 },
    ]);
    const [other] = await buy(event.eventId, [{ section: "A", row: "9", number: 9 }]);
    const gateA = await createList(night.eventId, "Gate A", ["A"]);
    const signed = dataOf(await doorList(gateA.id));
    const payload = JSON.parse(signed.payload) as DoorListPayload;
    expect(payload.tickets.map((t) => `${t.section}${t.row}-${t.number}`)).toEqual([
      "A1-1",
      "A1-2",
    ]);
    for (const ticket of [...tickets, other!]) {
      for (const secret of [
        ticket.code,
        ticket.shortCode,
        ticket.shortCode.replace("-", ""),
        ticket.ticketId,
      ]) {
        expect(signed.payload).not.toContain(secret);
      }
    }
    // The same short code hashes differently on another list: entries say nothing across lists.
    const everyone = await createList(night.eventId, "Everyone");
    const everyonePayload = JSON.parse(
      dataOf(await doorList(everyone.id)).payload,
    ) as DoorListPayload;
    const hashes = new Set(payload.tickets.map((t) => t.shortCodeHash));
    expect(everyonePayload.tickets.some((t) => hashes.has(t.shortCodeHash))).toBe(false);

    // A cancelled event's list admits no one.
    await h.cancelEvent(night);
    expect(
      (JSON.parse(dataOf(await doorList(gateA.id)).payload) as DoorListPayload).tickets,
    ).toEqual([]);
  });

  it("is for the door only: customers and door staff of another event are refused", async () => {
    const list = await createList(event.eventId, "Staff check");
    const { token: customer } = await h.issuer.tokenFor();
    const { token: otherStaff } = await h.issuer.tokenFor({
      role: "staff",
      doorEvents: [randomUUID()],
    });
    const { token: staff } = await h.issuer.tokenFor({
      role: "staff",
      doorEvents: [event.eventId],
    });
    for (const token of [customer, otherStaff]) {
      expect(await doorList(list.id, token)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await sync(list.id, "device-forbidden", [], token)).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    }
    expect(await doorList(list.id, staff)).toMatchObject({ ok: true });
    const missing = randomUUID();
    const unknown = await doorList(missing);
    expect(unknown).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(unknown.ok ? "" : unknown.message).toContain(missing);
  });
});

describe("syncing offline check-ins", () => {
  it("applies a device's scans in the order they were made, at the moment they were made", async () => {
    const [first, second] = await buy(event.eventId, [
      { section: "C", row: "1", number: 1 },
      { section: "C", row: "1", number: 2 },
    ]);
    const list = await createList(event.eventId, "Side door", ["C"]);
    // Sent out of order; the same ticket twice on this device: the earlier scan admits.
    const result = dataOf(
      await sync(list.id, "device-order-0001", [
        { code: first!.shortCode.toLowerCase(), scannedAt: at(5) },
        { code: second!.code, scannedAt: at(2) },
        { code: first!.shortCode, scannedAt: at(1) },
      ]),
    );
    expect(result.scans.map((s) => [s.scannedAt, s.outcome])).toEqual([
      [at(1), "admitted"],
      [at(2), "admitted"],
      [at(5), "duplicate"],
    ]);
    expect(result.scans[2]?.message).toMatch(/^Already checked in at \d\d:\d\d \(Side door\)/);
    expect(result.list).toMatchObject({ admitted: 2, expected: 2 });
    expect(await checkInRows(first!.ticketId)).toEqual([
      { checkedInAt: new Date(at(1)), deviceId: "device-order-0001" },
    ]);
    expect(await checkInRows(second!.ticketId)).toEqual([
      { checkedInAt: new Date(at(2)), deviceId: "device-order-0001" },
    ]);
  });

  it("applies nothing twice when a device syncs the same scans again", async () => {
    const [ticket] = await buy(event.eventId, [{ section: "D", row: "1", number: 1 }]);
    const list = await createList(event.eventId, "Door D", ["D"]);
    const scans = [
      { code: ticket!.shortCode, scannedAt: at(10) },
      { code: "NOT-A-CODE", scannedAt: at(11) },
    ];
    const once = dataOf(await sync(list.id, "device-repeat-001", scans));
    expect(once.scans.map((s) => s.outcome)).toEqual(["admitted", "refused"]);
    expect(once.scans[1]?.message).toBe("Not a Marquee ticket code");
    await waitForEvents(ticket!.ticketId, 1);
    const again = dataOf(await sync(list.id, "device-repeat-001", scans));
    expect(again.scans).toEqual(once.scans);
    expect(again.list.admitted).toBe(1);
    expect(await checkInRows(ticket!.ticketId)).toHaveLength(1);
    expect(await duplicates(event.eventId)).not.toContainEqual(
      expect.objectContaining({ ticketId: ticket!.ticketId }),
    );
    // Whatever was to be published was published once (the second sync enqueued nothing).
    const outbox = await h.fulfillment.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_message
        WHERE type = 'fulfillment.ticket-checked-in' AND payload->'data'->>'ticketId' = $1`,
      ticket!.ticketId,
    );
    expect(outbox[0]?.n).toBe(1);
  });

  it("flags the second device's scan of a ticket the first one admitted, with both devices and times", async () => {
    const [ticket] = await buy(event.eventId, [{ section: "E", row: "1", number: 1 }]);
    const list = await createList(event.eventId, "Door E", ["E"]);
    const byA = dataOf(
      await sync(list.id, "device-aaaa-0001", [{ code: ticket!.code, scannedAt: at(20) }]),
    );
    expect(byA.scans[0]?.outcome).toBe("admitted");
    const byB = dataOf(
      await sync(list.id, "device-bbbb-0001", [{ code: ticket!.shortCode, scannedAt: at(23) }]),
    );
    expect(byB.scans[0]).toMatchObject({ outcome: "duplicate", scannedAt: at(23) });
    expect(byB.list.admitted).toBe(1);
    expect(await checkInRows(ticket!.ticketId)).toEqual([
      { checkedInAt: new Date(at(20)), deviceId: "device-aaaa-0001" },
    ]);
    const flagged = (await duplicates(event.eventId)).filter(
      (d) => d.ticketId === ticket!.ticketId,
    );
    expect(flagged).toEqual([
      expect.objectContaining({
        shortCode: ticket!.shortCode,
        section: "E",
        row: "1",
        number: 1,
        first: { at: at(20), deviceId: "device-aaaa-0001", listName: "Door E" },
        second: { at: at(23), deviceId: "device-bbbb-0001", listName: "Door E" },
      }),
    ]);
  });

  it("flags an offline scan of a ticket admitted online, the earlier admission first", async () => {
    const [ticket] = await buy(event.eventId, [{ section: "F", row: "1", number: 1 }]);
    const list = await createList(event.eventId, "Door F", ["F"]);
    const online = dataOf(
      await callTrpc<{ checkedInAt: string }>(
        h.baseUrl,
        "checkIn",
        { listId: list.id, code: ticket!.code },
        { token: adminToken },
      ),
    );
    // Scanned offline before the online admission, synced after it.
    const earlier = new Date(Date.parse(online.checkedInAt) - 60_000).toISOString();
    const offline = dataOf(
      await sync(list.id, "device-ffff-0001", [{ code: ticket!.shortCode, scannedAt: earlier }]),
    );
    expect(offline.scans[0]?.outcome).toBe("duplicate");
    const [flagged] = (await duplicates(event.eventId)).filter(
      (d) => d.ticketId === ticket!.ticketId,
    );
    expect(flagged?.first).toEqual({
      at: earlier,
      deviceId: "device-ffff-0001",
      listName: "Door F",
    });
    expect(flagged?.second).toEqual({ at: online.checkedInAt, deviceId: null, listName: "Door F" });
  });
});

const waitForEvents = async (ticketId: string, count: number) => {
  const deadline = Date.now() + 30_000;
  while (checkedInEvents(ticketId).length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(checkedInEvents(ticketId)).toHaveLength(count);
};
