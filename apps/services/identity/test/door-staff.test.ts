import { randomUUID } from "node:crypto";
import { createIdentityDb } from "@marquee/db/identity";
import { testEnv } from "@marquee/testkit/test-env";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../src/app/seed-admin";
import {
  jwksUrlOf,
  logLines,
  register,
  startIdentity,
  startProtectedService,
  trpc,
  uniqueEmail,
  type RunningIdentity,
  type Session,
} from "./harness";

let identity: RunningIdentity;
let orders: Awaited<ReturnType<typeof startProtectedService>>;
let admin: Session;
const db = createIdentityDb({ url: testEnv.databaseUrl, poolMax: 1 });
const secrets: string[] = [];

const ADMIN_PASSWORD = "door staff organizer";
const PASSWORD = "door staff password";

beforeAll(async () => {
  identity = await startIdentity({ env: { LOGIN_MAX_FAILURES_PER_IP: "1000" } });
  orders = await startProtectedService(jwksUrlOf(identity));
  const email = uniqueEmail("organizer");
  await seedAdmin({ databaseUrl: testEnv.databaseUrl, email, password: ADMIN_PASSWORD, cost: 10 });
  const login = await trpc<Session>(identity.base, "login", {
    input: { email, password: ADMIN_PASSWORD },
  });
  if (!login.data) throw new Error(`admin login failed: ${login.error?.message}`);
  admin = login.data;
});

afterAll(async () => {
  // The browser journeys share this database: leave them no staff with made-up events.
  const mine = { startsWith: "door-", endsWith: "@example.com" };
  await db.user.deleteMany({ where: { role: "staff", email: mine } });
  await db.staffInvitation.deleteMany({ where: { email: mine } });
  await orders.stop();
  await identity.stop();
  await db.$disconnect();
});

const event = (name = "Hamlet") => ({ eventId: randomUUID(), name });

type Invited = { outcome: "invited" | "events-added"; invitationId: string; email: string };

const invite = (email: string, events: { eventId: string; name: string }[], token?: string) =>
  trpc<Invited>(identity.base, "inviteStaff", {
    token: token ?? admin.accessToken,
    input: { email, events },
  });

/** `identity.staff-invited` of an invitation, as notification receives it. */
const invitedEvent = async (invitationId: string) => {
  const rows = await db.$queryRawUnsafe<
    { type: string; payload: { data: Record<string, unknown> } }[]
  >(`SELECT type, payload FROM outbox_message WHERE key = $1 ORDER BY seq`, invitationId);
  expect(rows.map((row) => row.type)).toEqual(["identity.staff-invited"]);
  return rows[0]?.payload.data ?? {};
};

const tokenOf = async (invitationId: string) => {
  const token = (await invitedEvent(invitationId)).token;
  if (typeof token !== "string") throw new Error("no token in the invitation event");
  secrets.push(token);
  return token;
};

const accept = (token: string, input: Record<string, unknown> = {}) =>
  trpc<{ email: string; name: string; created: boolean; eventIds: string[] }>(
    identity.base,
    "acceptStaffInvitation",
    { input: { token, displayName: "Dora Door", password: PASSWORD, ...input } },
  );

type StaffSession = Session & { user: { doorEvents: string[] } };

const signIn = async (email: string) => {
  const login = await trpc<StaffSession>(identity.base, "login", {
    input: { email, password: PASSWORD },
  });
  if (!login.data) throw new Error(`staff login failed: ${login.error?.message}`);
  secrets.push(login.data.accessToken);
  return login.data;
};

describe("inviting door staff", () => {
  it("invites, accepts, and signs the staff in with role staff and their events in the token", async () => {
    const email = uniqueEmail("door");
    const hamlet = event("Hamlet");
    const jazz = event("Jazz Quartet");
    const invited = await invite(email, [hamlet, jazz]);
    expect(invited.data).toMatchObject({ outcome: "invited", email });
    const invitationId = invited.data?.invitationId ?? "";

    // The email's event: the address, the events with their names, who invited, the link token.
    const data = await invitedEvent(invitationId);
    expect(data).toMatchObject({
      invitationId,
      email,
      events: [hamlet, jazz],
      invitedByName: admin.user.name,
    });
    expect(typeof data.token).toBe("string");
    expect(Date.parse(String(data.expiresAt))).toBeGreaterThan(Date.now());
    const token = await tokenOf(invitationId);
    // Only the token's hash is stored.
    const row = await db.staffInvitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.tokenHash).not.toContain(token);

    const preview = await trpc(identity.base, "staffInvitation", { input: { token } });
    expect(preview.data).toMatchObject({
      email,
      eventIds: [hamlet.eventId, jazz.eventId],
      account: "none",
    });

    const accepted = await accept(token);
    expect(accepted.data).toEqual({
      email,
      name: "Dora Door",
      created: true,
      eventIds: [hamlet.eventId, jazz.eventId],
    });

    const staff = await signIn(email);
    expect(staff.user).toMatchObject({
      email,
      role: "staff",
      doorEvents: [hamlet.eventId, jazz.eventId],
    });
    const claims = decodeJwt(staff.accessToken);
    expect(claims).toMatchObject({ role: "staff", emailVerified: true });
    expect([...(claims.doorEvents as string[])].sort()).toEqual(
      [hamlet.eventId, jazz.eventId].sort(),
    );

    // The link proved the address: identity.email-verified went out with the account.
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const verified = await db.$queryRawUnsafe<{ type: string }[]>(
      `SELECT type FROM outbox_message WHERE key = $1 ORDER BY seq`,
      user.id,
    );
    expect(verified.map((r) => r.type)).toEqual(["identity.email-verified"]);

    // Staff see their own account, and nothing else: another service's procedures refuse them.
    const me = await trpc(identity.base, "me", { token: staff.accessToken, query: true });
    expect(me.data).toMatchObject({
      email,
      role: "staff",
      doorEvents: [hamlet.eventId, jazz.eventId],
    });
    const elsewhere = await trpc(orders.base, "placeOrder", { token: staff.accessToken });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.error?.message).toBe("door staff can only check tickets in");
    const organizerOnly = await trpc(identity.base, "doorStaff", {
      token: staff.accessToken,
      query: true,
    });
    expect(organizerOnly.error?.data.code).toBe("FORBIDDEN");
  });

  it("adds events at once when the address is a staff account already", async () => {
    const email = uniqueEmail("door");
    const first = event("Hamlet");
    await accept(await tokenOf((await invite(email, [first])).data?.invitationId ?? ""));

    const second = event("The Nutcracker");
    const again = await invite(email, [first, second]);
    expect(again.data).toMatchObject({ outcome: "events-added", email });
    const data = await invitedEvent(again.data?.invitationId ?? "");
    expect(data).toMatchObject({ email, token: null, expiresAt: null, events: [first, second] });

    const staff = await signIn(email);
    expect([...staff.user.doorEvents].sort()).toEqual([first.eventId, second.eventId].sort());
  });

  it("lets a second pending invitation add its events when accepted after the first", async () => {
    const email = uniqueEmail("door");
    const a = event("A");
    const b = event("B");
    const tokenA = await tokenOf((await invite(email, [a])).data?.invitationId ?? "");
    const tokenB = await tokenOf((await invite(email, [b])).data?.invitationId ?? "");
    expect((await accept(tokenA)).data?.created).toBe(true);
    const preview = await trpc(identity.base, "staffInvitation", { input: { token: tokenB } });
    expect(preview.data).toMatchObject({ account: "staff" });
    const second = await accept(tokenB, { displayName: undefined, password: undefined });
    expect(second.data).toMatchObject({ created: false, eventIds: [b.eventId] });
    const staff = await signIn(email);
    expect([...staff.user.doorEvents].sort()).toEqual([a.eventId, b.eventId].sort());
  });

  it("refuses a used link, an expired one and a revoked one, each with its reason", async () => {
    const email = uniqueEmail("door");
    const used = await tokenOf((await invite(email, [event()])).data?.invitationId ?? "");
    expect((await accept(used)).status).toBe(200);
    const usedAgain = await accept(used);
    expect(usedAgain.error?.data.code).toBe("BAD_REQUEST");
    expect(usedAgain.error?.message).toBe(
      "token: this invitation has already been accepted; sign in with the password you chose",
    );

    const late = uniqueEmail("door");
    const lateInvitation = (await invite(late, [event()])).data?.invitationId ?? "";
    const lateToken = await tokenOf(lateInvitation);
    await db.staffInvitation.update({
      where: { id: lateInvitation },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const expired = await accept(lateToken);
    expect(expired.error?.message).toBe(
      "token: this invitation has expired; ask the organizer to invite you again",
    );
    expect(await db.user.findUnique({ where: { email: late } })).toBeNull();

    const withdrawn = uniqueEmail("door");
    const withdrawnInvitation = (await invite(withdrawn, [event()])).data?.invitationId ?? "";
    const withdrawnToken = await tokenOf(withdrawnInvitation);
    const revoked = await trpc(identity.base, "revokeStaffInvitation", {
      token: admin.accessToken,
      input: { invitationId: withdrawnInvitation },
    });
    expect(revoked.data).toEqual({ invitationId: withdrawnInvitation, revoked: true });
    const afterRevoke = await accept(withdrawnToken);
    expect(afterRevoke.error?.message).toBe(
      "token: this invitation was withdrawn by the organizer",
    );
    expect(await db.user.findUnique({ where: { email: withdrawn } })).toBeNull();

    const garbage = await accept("not-a-real-invitation-token");
    expect(garbage.error?.message).toMatch(/^token: this invitation link is not valid/);
  });

  it("spends a link once when two acceptances race", async () => {
    const email = uniqueEmail("door");
    const token = await tokenOf((await invite(email, [event()])).data?.invitationId ?? "");
    const answers = await Promise.all([accept(token), accept(token), accept(token)]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("refuses an address that has a customer account, at the invitation and at acceptance", async () => {
    const customer = await register(identity.base);
    const refused = await invite(customer.email, [event()]);
    expect(refused.error?.data.code).toBe("CONFLICT");
    expect(refused.error?.message).toBe(
      `email: ${customer.email} already has a customer account, which cannot be door staff; invite another address`,
    );

    // Invited first, then the address signed up as a customer before the link was used.
    const email = uniqueEmail("door");
    const token = await tokenOf((await invite(email, [event()])).data?.invitationId ?? "");
    await register(identity.base, { email });
    const preview = await trpc(identity.base, "staffInvitation", { input: { token } });
    expect(preview.data).toMatchObject({ account: "other" });
    const accepted = await accept(token);
    expect(accepted.error?.data.code).toBe("CONFLICT");
    expect(accepted.error?.message).toBe(
      `${email} already has a customer account on Marquee, which cannot become door staff; ask the organizer to invite another address`,
    );
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("customer");
    // Nothing was spent: the invitation is still pending.
    const row = await db.staffInvitation.findFirstOrThrow({ where: { email } });
    expect(row.acceptedAt).toBeNull();
  });

  it("checks the new account's name and password with sign-up's rules", async () => {
    const email = uniqueEmail("door");
    const token = await tokenOf((await invite(email, [event()])).data?.invitationId ?? "");
    const short = await accept(token, { password: "short" });
    expect(short.error?.message).toBe("Invalid input: password: must be at least 10 characters");
    const missing = await accept(token, { password: undefined });
    expect(missing.error?.message).toBe("Invalid input: password: choose a password");
    expect((await accept(token)).status).toBe(200);
  });

  it("refuses invitations from anyone but an organizer, and odd input by field", async () => {
    const customer = await register(identity.base);
    const byCustomer = await invite(uniqueEmail("door"), [event()], customer.accessToken);
    expect(byCustomer.error?.data.code).toBe("FORBIDDEN");
    const none = await invite(uniqueEmail("door"), []);
    expect(none.error?.message).toContain("events: choose at least one event");
    const badId = await invite(uniqueEmail("door"), [{ eventId: "x", name: "Hamlet" }]);
    expect(badId.error?.message).toContain("events[0].eventId: must be an event id");
  });
});

describe("the organizer's door staff list", () => {
  it("lists staff with their events and pending invitations; removes an event, then the person", async () => {
    const email = uniqueEmail("door");
    const hamlet = event("Hamlet");
    const jazz = event("Jazz");
    await accept(await tokenOf((await invite(email, [hamlet, jazz])).data?.invitationId ?? ""));
    const pendingEmail = uniqueEmail("pending");
    const pending = (await invite(pendingEmail, [hamlet])).data?.invitationId;

    type List = {
      staff: { userId: string; email: string; name: string; eventIds: string[] }[];
      invitations: { invitationId: string; email: string; expired: boolean }[];
    };
    const list = async () =>
      (await trpc<List>(identity.base, "doorStaff", { token: admin.accessToken, query: true }))
        .data;
    const before = await list();
    const member = before?.staff.find((s) => s.email === email);
    expect(member).toMatchObject({ name: "Dora Door", eventIds: [hamlet.eventId, jazz.eventId] });
    expect(before?.invitations).toContainEqual(
      expect.objectContaining({ invitationId: pending, email: pendingEmail, expired: false }),
    );
    const userId = member?.userId ?? "";

    const removed = await trpc(identity.base, "removeStaffEvent", {
      token: admin.accessToken,
      input: { userId, eventId: hamlet.eventId },
    });
    expect(removed.status).toBe(200);
    expect((await signIn(email)).user).toMatchObject({ doorEvents: [jazz.eventId] });
    const notThere = await trpc(identity.base, "removeStaffEvent", {
      token: admin.accessToken,
      input: { userId, eventId: hamlet.eventId },
    });
    expect(notThere.error?.data.code).toBe("NOT_FOUND");

    const gone = await trpc(identity.base, "removeStaff", {
      token: admin.accessToken,
      input: { userId },
    });
    expect(gone.data).toEqual({ userId, removed: true });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await db.doorAssignment.count({ where: { userId } })).toBe(0);
    const login = await trpc(identity.base, "login", { input: { email, password: PASSWORD } });
    expect(login.error?.data.code).toBe("UNAUTHORIZED");
    expect((await list())?.staff.map((s) => s.email)).not.toContain(email);

    // Removing a customer through the staff list is refused.
    const customer = await register(identity.base);
    const notStaff = await trpc(identity.base, "removeStaff", {
      token: admin.accessToken,
      input: { userId: customer.user.id },
    });
    expect(notStaff.error?.data.code).toBe("NOT_FOUND");
    expect(await db.user.findUnique({ where: { id: customer.user.id } })).not.toBeNull();
  });

  it("revokes a removed person's pending invitations", async () => {
    const email = uniqueEmail("door");
    await accept(await tokenOf((await invite(email, [event()])).data?.invitationId ?? ""));
    const userId = (await db.user.findUniqueOrThrow({ where: { email } })).id;
    // Pending invitations for a staff address can only exist from before the account; make one.
    const stray = await db.staffInvitation.create({
      data: {
        id: randomUUID(),
        email,
        eventIds: [randomUUID()],
        invitedBy: admin.user.id,
        tokenHash: `stray-${randomUUID()}`,
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    await trpc(identity.base, "removeStaff", { token: admin.accessToken, input: { userId } });
    const row = await db.staffInvitation.findUniqueOrThrow({ where: { id: stray.id } });
    expect(row.revokedAt).not.toBeNull();
  });

  it("never logs an invitation token or a staff password", () => {
    for (const secret of [...secrets, PASSWORD]) {
      const line = logLines.find((l) => l.includes(secret));
      expect(line, secret).toBeUndefined();
    }
  });
});
