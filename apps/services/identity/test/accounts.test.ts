import { createIdentityDb } from "@marquee/db/identity";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../src/app/seed-admin";
import {
  guestToken,
  jwksUrlOf,
  logLines,
  register,
  solvedProof,
  startIdentity,
  startProtectedService,
  trpc,
  uniqueEmail,
  type RunningIdentity,
  type Session,
} from "./harness";

let identity: RunningIdentity;
let orders: Awaited<ReturnType<typeof startProtectedService>>;
const db = createIdentityDb({ url: testEnv.databaseUrl, poolMax: 1 });
// Everything secret this file sends or receives; none of it may appear in a log line.
const secrets: string[] = [];

beforeAll(async () => {
  // Per-address throttling would otherwise add up across this file's sign-ins from 127.0.0.1.
  identity = await startIdentity({ env: { LOGIN_MAX_FAILURES_PER_IP: "1000" } });
  orders = await startProtectedService(jwksUrlOf(identity));
});

afterAll(async () => {
  await orders.stop();
  await identity.stop();
  await db.$disconnect();
});

describe("register", () => {
  it("creates a customer with a normalised email and a bcrypt hash, who can then sign in", async () => {
    const email = uniqueEmail("Grace").toUpperCase();
    const session = await register(identity.base, { email: `  ${email} `, displayName: " Grace " });
    secrets.push(session.password, session.accessToken);
    expect(session.user).toMatchObject({
      email: email.toLowerCase(),
      name: "Grace",
      role: "customer",
    });

    const row = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(row.passwordHash).toMatch(/^\$2b\$10\$/);
    expect(row.passwordHash).not.toContain(session.password);
    secrets.push(row.passwordHash);

    const me = await trpc(identity.base, "me", { token: session.accessToken, query: true });
    expect(me.data).toMatchObject({ id: row.id, email: email.toLowerCase(), name: "Grace" });
  });

  it("answers a taken address exactly as a new one, changes nothing, and tells the owner", async () => {
    const owner = await register(identity.base, { displayName: "Owner" });
    const fresh = uniqueEmail("fresh");
    const attempt = (email: string) =>
      trpc(identity.base, "register", {
        input: { email, password: "another good one", displayName: "Someone" },
      });
    const onTaken = await attempt(` ${owner.email.toUpperCase()}`);
    const onNew = await attempt(fresh);
    expect(onTaken.status).toBe(200);
    expect(onNew.status).toBe(200);
    // The same body, naming the address the caller gave (normalised), and no token.
    expect(onTaken.data).toEqual({ email: owner.email });
    expect(onNew.data).toEqual({ email: fresh });

    // The account is untouched: the owner's password still works, the newcomer's does not.
    const row = await db.user.findUniqueOrThrow({ where: { email: owner.email } });
    expect(row.displayName).toBe("Owner");
    const byOwner = await trpc(identity.base, "login", {
      input: { email: owner.email, password: owner.password },
    });
    expect(byOwner.status).toBe(200);
    const bySomeone = await trpc(identity.base, "login", {
      input: { email: owner.email, password: "another good one" },
    });
    expect(bySomeone.status).toBe(401);

    // The owner hears of it: identity.registration-attempted, to the account's own address.
    const events = await db.$queryRawUnsafe<{ type: string; payload: { data: unknown } }[]>(
      `SELECT type, payload FROM outbox_message WHERE key = $1 ORDER BY seq`,
      owner.user.id,
    );
    expect(events.map((event) => event.type)).toEqual([
      "identity.verification-requested",
      "identity.registration-attempted",
    ]);
    expect(events[1]?.payload.data).toMatchObject({
      userId: owner.user.id,
      email: owner.email,
      displayName: "Owner",
    });
  });

  it("takes as long for a taken address as for a new one (both hash the password)", async () => {
    // A different taken address each time: one address's own sign-up allowance is small.
    const owners = await Promise.all([1, 2, 3, 4, 5].map(() => register(identity.base)));
    const time = async (email: string) => {
      const started = performance.now();
      const reply = await trpc(identity.base, "register", {
        input: { email, password: "another good one", displayName: "Timer" },
      });
      expect(reply.status).toBe(200);
      return performance.now() - started;
    };
    const taken: number[] = [];
    const fresh: number[] = [];
    for (const owner of owners) {
      taken.push(await time(owner.email));
      fresh.push(await time(uniqueEmail("timer")));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[2] ?? 0;
    // A bcrypt hash (cost 10) is most of the work; skipping it would cut the taken time by far.
    expect(median(taken)).toBeGreaterThan(median(fresh) * 0.6);
  });

  it("keeps concurrent sign-ups with one email to one account, all answered alike", async () => {
    const email = uniqueEmail("race");
    const input = { email, password: "correct horse battery", displayName: "Racer" };
    const replies = await Promise.all(
      [1, 2, 3].map(() => trpc(identity.base, "register", { input })),
    );
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    [{ password: "short1" }, "password: must be at least 10 characters"],
    [{ password: "aaaaaaaaaaaa" }, "password: must not repeat a single character"],
    [{ password: "é".repeat(37) }, "password: must be at most 72 bytes"],
    [{ email: "not-an-email" }, "email: must be a valid email address"],
    [{ displayName: "   " }, "displayName: must not be empty"],
  ])("refuses %o with an error naming the field", async (override, message) => {
    const input = {
      email: uniqueEmail(),
      password: "correct horse battery",
      displayName: "Ada",
      ...override,
    };
    const reply = await trpc(identity.base, "register", { input });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toContain(message);
  });

  it("refuses a password that is the email address", async () => {
    const email = uniqueEmail("me");
    const reply = await trpc(identity.base, "register", {
      input: { email, password: email.toUpperCase(), displayName: "Me" },
    });
    expect(reply.error?.message).toContain("password: must not be your email address");
  });
});

describe("login", () => {
  it("returns a token for the right password, with the user's claims", async () => {
    const account = await register(identity.base, { displayName: "Linus" });
    const reply = await trpc<Session>(identity.base, "login", {
      input: { email: ` ${account.email.toUpperCase()} `, password: account.password },
    });
    expect(reply.data?.user).toMatchObject({
      email: account.email,
      name: "Linus",
      role: "customer",
    });
    secrets.push(reply.data?.accessToken ?? "missing");
    const whoami = await trpc(orders.base, "whoami", {
      token: reply.data?.accessToken,
      query: true,
    });
    expect(whoami.data).toEqual({
      id: account.user.id,
      email: account.email,
      name: "Linus",
      role: "customer",
      emailVerified: false,
    });
  });

  it("gives one generic UNAUTHORIZED for an unknown email and for a wrong password", async () => {
    const account = await register(identity.base);
    const wrong = await trpc(identity.base, "login", {
      input: { email: account.email, password: "not the password" },
    });
    const unknown = await trpc(identity.base, "login", {
      input: { email: uniqueEmail("nobody"), password: "not the password" },
    });
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(401);
      expect(reply.error?.data.code).toBe("UNAUTHORIZED");
      expect(reply.error?.message).toBe("invalid email or password");
    }
  });

  it("spends a bcrypt comparison on unknown emails too, so timing does not reveal accounts", async () => {
    const account = await register(identity.base);
    const time = async (email: string) => {
      const started = performance.now();
      await trpc(identity.base, "login", { input: { email, password: "not the password" } });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      known.push(await time(account.email));
      unknown.push(await time(uniqueEmail("ghost")));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1] ?? 0;
    // A bcrypt comparison at cost 10 takes tens of milliseconds; skipping it would show as a
    // several-fold difference.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.6);
    expect(median(unknown) / median(known)).toBeLessThan(1.6);
  });

  it("does not let a password longer than bcrypt reads match on its first 72 bytes", async () => {
    const password = "abcdefghij".repeat(7) + "xy"; // exactly 72 bytes
    const account = await register(identity.base, { password });
    const longer = await trpc(identity.base, "login", {
      input: { email: account.email, password: `${password}-and-more` },
    });
    expect(longer.error?.data.code).toBe("UNAUTHORIZED");
  });
});

describe("guest tokens", () => {
  it("issues a guest token that other services accept, with a new guest id each time", async () => {
    const email = uniqueEmail("guest");
    const first = await guestToken(identity.base, ` ${email.toUpperCase()}`);
    const second = await guestToken(identity.base, email);
    secrets.push(first.data?.accessToken ?? "missing");
    expect(first.data?.guest.id).not.toBe(second.data?.guest.id);

    const whoami = await trpc(orders.base, "whoami", {
      token: first.data?.accessToken,
      query: true,
    });
    expect(whoami.data).toEqual({
      id: first.data?.guest.id,
      email,
      role: "guest",
      name: "Guest",
      emailVerified: false,
    });
    const me = await trpc(identity.base, "me", { token: first.data?.accessToken, query: true });
    expect(me.data).toMatchObject({ role: "guest", email });
  });

  it("refuses a guest token request without a valid email, naming the field", async () => {
    const reply = await trpc(identity.base, "guestToken", {
      input: { email: "nope", proof: await solvedProof(identity.base) },
    });
    expect(reply.error?.message).toContain("email: must be a valid email address");
  });
});

describe("admin seed", () => {
  it("creates the admin once, leaves it unchanged on the next run, and the admin passes admin checks", async () => {
    const email = uniqueEmail("admin");
    const password = "admin password here";
    secrets.push(password);
    expect(await seedAdmin({ databaseUrl: testEnv.databaseUrl, email, password, cost: 10 })).toBe(
      "created",
    );
    expect(await seedAdmin({ databaseUrl: testEnv.databaseUrl, email, password, cost: 10 })).toBe(
      "unchanged",
    );
    expect(await db.user.count({ where: { email } })).toBe(1);

    const admin = await trpc<Session>(identity.base, "login", { input: { email, password } });
    expect(admin.data?.user.role).toBe("admin");
    const report = await trpc(orders.base, "adminReport", {
      token: admin.data?.accessToken,
      query: true,
    });
    expect(report.data).toEqual({ report: "sales" });

    expect(
      await seedAdmin({
        databaseUrl: testEnv.databaseUrl,
        email,
        password: "a new admin password",
        cost: 10,
      }),
    ).toBe("updated");
    const old = await trpc(identity.base, "login", { input: { email, password } });
    expect(old.error?.data.code).toBe("UNAUTHORIZED");
  });
});

describe("logs", () => {
  it("never contain a password, a password hash or a token", async () => {
    const account = await register(identity.base);
    secrets.push(account.password, account.accessToken);
    await trpc(identity.base, "login", {
      input: { email: account.email, password: "wrong password!" },
    });
    await trpc(identity.base, "me", { token: account.accessToken, query: true });
    await trpc(orders.base, "whoami", { token: account.accessToken, query: true });
    const row = await db.user.findUniqueOrThrow({ where: { email: account.email } });
    secrets.push(row.passwordHash);

    expect(logLines.length).toBeGreaterThan(10);
    const text = logLines.join("\n");
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain("wrong password!");
  });
});
