import { randomUUID } from "node:crypto";
import type { IdentityDb, Prisma } from "@marquee/db/identity";
import { MAX_DOOR_EVENTS } from "@marquee/service/auth";
import { refusing, type Refuse } from "@marquee/service/refusal";
import type { Result } from "@marquee/service/result";
import { enqueue } from "@marquee/events/outbox";
import type { MarqueeEvent } from "@marquee/events/registry";
import type { UserRecord } from "./users";

export type InvitationRecord = {
  id: string;
  email: string;
  eventIds: string[];
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
};

export type StaffMember = {
  userId: string;
  email: string;
  displayName: string;
  eventIds: string[];
  createdAt: Date;
};

/** What an invitation did: a new invitee got a link, or an existing staff account got the events. */
export type InviteOutcome =
  | { kind: "invited"; invitationId: string }
  | { kind: "events-added"; invitationId: string; userId: string }
  | { kind: "taken"; role: "customer" | "admin" }
  | { kind: "too-many-events" };

/** Why an invitation link does not work (any more). */
export type InvitationRefusal = "invalid" | "expired" | "used" | "revoked";

export type AcceptOutcome =
  | { kind: "created"; user: UserRecord; eventIds: string[] }
  | { kind: "events-added"; user: UserRecord; eventIds: string[] }
  | { kind: "refused"; reason: InvitationRefusal }
  | { kind: "taken"; email: string; role: "customer" | "admin" }
  | { kind: "account-details-missing" }
  | { kind: "too-many-events" };

export type DoorStaff = {
  /**
   * Invites `email` to the events. An address without an account gets a pending invitation whose
   * link holds the token hashed here; a staff account gets the events at once (recorded as an
   * accepted invitation); a customer or admin address is refused. `events` go to the outbox in
   * the same transaction, built from the outcome.
   */
  invite(
    invitation: {
      email: string;
      eventIds: string[];
      invitedBy: string;
      tokenHash: string;
      expiresAt: Date;
    },
    events: (outcome: Extract<InviteOutcome, { invitationId: string }>) => MarqueeEvent[],
  ): Promise<InviteOutcome>;
  /** The invitation a link's token names, if any (for the acceptance page). */
  findInvitation(tokenHash: string): Promise<InvitationRecord | null>;
  /**
   * Spends the invitation once: a new staff account (with `account`) or, for an address that is
   * staff already, the events added. A customer or admin address is refused and nothing changes.
   */
  accept(
    input: {
      tokenHash: string;
      account: { passwordHash: string; displayName: string } | null;
      now: Date;
    },
    events: (user: UserRecord, verifiedAt: Date | null) => MarqueeEvent[],
  ): Promise<AcceptOutcome>;
  /** Every staff account with its events, and the invitations not yet accepted nor revoked. */
  list(): Promise<{ staff: StaffMember[]; pending: InvitationRecord[] }>;
  revokeInvitation(
    invitationId: string,
    now: Date,
  ): Promise<"revoked" | "not-found" | "used" | "revoked-already">;
  /** Takes one event from a staff account; false when it had no such event. */
  removeEvent(userId: string, eventId: string): Promise<boolean>;
  /** Deletes a staff account (its events with it) and revokes its pending invitations. */
  removeStaff(userId: string, now: Date): Promise<boolean>;
  doorEventsOf(userId: string): Promise<string[]>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outcome either way: a refused transaction rolled back and answers what it was refused with. */
const outcomeOf = async <T>(done: Promise<Result<T, T>>): Promise<T> => {
  const outcome = await done;
  return outcome.ok ? outcome.value : outcome.error;
};

type Tx = Prisma.TransactionClient;

/** Adds events to a staff account; rolls back when that would pass MAX_DOOR_EVENTS. */
const assign = async (
  tx: Tx,
  refuse: Refuse<{ kind: "too-many-events" }>,
  userId: string,
  eventIds: string[],
): Promise<void> => {
  await tx.doorAssignment.createMany({
    data: eventIds.map((eventId) => ({ userId, eventId })),
    skipDuplicates: true,
  });
  const total = await tx.doorAssignment.count({ where: { userId } });
  if (total > MAX_DOOR_EVENTS) refuse({ kind: "too-many-events" });
};

const refusalOf = (row: InvitationRecord | null, now: Date): InvitationRefusal => {
  if (!row) return "invalid";
  if (row.revokedAt) return "revoked";
  if (row.acceptedAt) return "used";
  if (row.expiresAt <= now) return "expired";
  return "invalid";
};

export const createDoorStaff = (db: IdentityDb): DoorStaff => ({
  invite: (invitation, events) =>
    outcomeOf(
      refusing((refuse: Refuse<InviteOutcome>) =>
        db.$transaction(async (tx): Promise<InviteOutcome> => {
          const existing = await tx.user.findUnique({ where: { email: invitation.email } });
          if (existing && existing.role !== "staff") return { kind: "taken", role: existing.role };
          const invitationId = randomUUID();
          if (existing) {
            await assign(tx, refuse, existing.id, invitation.eventIds);
            const now = new Date();
            await tx.staffInvitation.create({
              data: {
                id: invitationId,
                email: invitation.email,
                eventIds: invitation.eventIds,
                invitedBy: invitation.invitedBy,
                expiresAt: now,
                acceptedAt: now,
                acceptedBy: existing.id,
              },
            });
            const outcome = { kind: "events-added" as const, invitationId, userId: existing.id };
            await enqueue(tx, ...events(outcome));
            return outcome;
          }
          if (invitation.eventIds.length > MAX_DOOR_EVENTS) return { kind: "too-many-events" };
          await tx.staffInvitation.create({ data: { id: invitationId, ...invitation } });
          const outcome = { kind: "invited" as const, invitationId };
          await enqueue(tx, ...events(outcome));
          return outcome;
        }),
      ),
    ),

  findInvitation: (tokenHash) => db.staffInvitation.findUnique({ where: { tokenHash } }),

  accept: ({ tokenHash, account, now }, events) =>
    outcomeOf(
      refusing((refuse: Refuse<AcceptOutcome>) =>
        db.$transaction(async (tx): Promise<AcceptOutcome> => {
          // The conditional update is the single-use guard: two acceptances race, one wins.
          const { count } = await tx.staffInvitation.updateMany({
            where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
            data: { acceptedAt: now },
          });
          const invitation = await tx.staffInvitation.findUnique({ where: { tokenHash } });
          if (count !== 1 || !invitation) {
            return { kind: "refused", reason: refusalOf(invitation, now) };
          }
          const existing = await tx.user.findUnique({ where: { email: invitation.email } });
          if (existing && existing.role !== "staff") {
            return refuse({
              kind: "taken",
              email: existing.email,
              role: existing.role,
            });
          }
          let user = existing;
          let verifiedAt: Date | null = null;
          if (!user) {
            if (!account) return refuse({ kind: "account-details-missing" });
            // Following the emailed link proved the address.
            verifiedAt = now;
            user = await tx.user.create({
              data: { email: invitation.email, ...account, role: "staff", emailVerifiedAt: now },
            });
          }
          await assign(tx, refuse, user.id, invitation.eventIds);
          await tx.staffInvitation.update({
            where: { id: invitation.id },
            data: { acceptedBy: user.id },
          });
          await enqueue(tx, ...events(user, verifiedAt));
          return {
            kind: existing ? "events-added" : "created",
            user,
            eventIds: invitation.eventIds,
          };
        }),
      ),
    ),

  async list() {
    const [users, pending] = await Promise.all([
      db.user.findMany({
        where: { role: "staff" },
        include: { doorAssignments: { orderBy: { assignedAt: "asc" } } },
        orderBy: { email: "asc" },
      }),
      db.staffInvitation.findMany({
        where: { acceptedAt: null, revokedAt: null },
        orderBy: { createdAt: "desc" },
      }),
    ]);
    return {
      staff: users.map((user) => ({
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        eventIds: user.doorAssignments.map((a) => a.eventId),
        createdAt: user.createdAt,
      })),
      pending,
    };
  },

  async revokeInvitation(invitationId, now) {
    if (!UUID.test(invitationId)) return "not-found";
    const { count } = await db.staffInvitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 1) return "revoked";
    const row = await db.staffInvitation.findUnique({ where: { id: invitationId } });
    if (!row) return "not-found";
    return row.revokedAt ? "revoked-already" : "used";
  },

  async removeEvent(userId, eventId) {
    if (!UUID.test(userId) || !UUID.test(eventId)) return false;
    const { count } = await db.doorAssignment.deleteMany({
      where: { userId, eventId, user: { role: "staff" } },
    });
    return count > 0;
  },

  removeStaff: (userId, now) =>
    UUID.test(userId)
      ? db.$transaction(async (tx) => {
          const user = await tx.user.findFirst({ where: { id: userId, role: "staff" } });
          if (!user) return false;
          await tx.user.delete({ where: { id: userId } });
          // A link still in their inbox must not bring the account back.
          await tx.staffInvitation.updateMany({
            where: { email: user.email, acceptedAt: null, revokedAt: null },
            data: { revokedAt: now },
          });
          return true;
        })
      : Promise.resolve(false),

  async doorEventsOf(userId) {
    if (!UUID.test(userId)) return [];
    const rows = await db.doorAssignment.findMany({
      where: { userId },
      orderBy: { assignedAt: "asc" },
      select: { eventId: true },
    });
    return rows.map((row) => row.eventId);
  },
});
