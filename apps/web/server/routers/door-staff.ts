import { identityAs } from "../../lib/identity-client";
import {
  InvitationIdInput,
  InviteStaffForm,
  StaffEventInput,
  StaffMemberInput,
} from "../../lib/door-staff-forms";
import type { Services } from "../services";
import { adminProcedure, router } from "../trpc";

/** Events that started this long ago can still get door staff (late arrivals). */
const STARTED_UP_TO_MS = 12 * 3_600_000;

/** Most events the invitation form offers (soonest first). */
const MAX_CHOOSABLE = 200;

/** Most events outside that list the page asks catalog to name, one call each. */
const MAX_LOOKUPS = 100;

/** An event as the "Door staff" page names it. */
export type StaffEventView = { id: string; name: string; startsAt: string; timeZone: string };

/** Published events from twelve hours ago on, soonest first, fetched 50 at a time. */
const choosableEvents = async (catalog: Services["catalog"]): Promise<StaffEventView[]> => {
  const from = new Date(Date.now() - STARTED_UP_TO_MS).toISOString();
  const events: StaffEventView[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.organizerEvents.query({
      from,
      status: "published",
      limit: 50,
      ...(cursor ? { cursor } : {}),
    });
    events.push(
      ...page.items.map(({ id, name, startsAt, timeZone }) => ({ id, name, startsAt, timeZone })),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor && events.length < MAX_CHOOSABLE);
  return events;
};

/**
 * The organizer's "Door staff" page: invitations by email to chosen events, the staff with their
 * events, and removals. Identity keeps the staff and their events (it puts them in their tokens);
 * catalog names the events.
 */
export const doorStaffRouter = router({
  /**
   * The staff, the pending invitations, the events that can be chosen (published, from twelve
   * hours ago on) and the name of every event any of them mentions.
   */
  overview: adminProcedure.query(async ({ ctx }) => {
    const [list, upcoming] = await Promise.all([
      identityAs(ctx.token).doorStaff.query(),
      choosableEvents(ctx.services.catalog),
    ]);
    const events = new Map(upcoming.map((event) => [event.id, event]));
    const mentioned = new Set(
      [...list.staff, ...list.invitations].flatMap((entry) => entry.eventIds),
    );
    // Past or cancelled events still assigned: named one by one (few, and only on this page;
    // past MAX_LOOKUPS they are left unnamed rather than slow the page down).
    await Promise.all(
      [...mentioned]
        .filter((id) => !events.has(id))
        .slice(0, MAX_LOOKUPS)
        .map(async (id) => {
          const event = await ctx.services.catalog.adminEvent
            .query({ eventId: id })
            .catch(() => null);
          events.set(id, {
            id,
            name: event?.name ?? "An event that no longer exists",
            startsAt: event?.startsAt ?? "",
            timeZone: event?.timeZone ?? "UTC",
          });
        }),
    );
    return {
      choosable: upcoming.map((event) => event.id),
      events: Object.fromEntries(events),
      staff: list.staff,
      invitations: list.invitations,
    };
  }),

  /** Invites an address to the chosen events (catalog names them for the email). */
  invite: adminProcedure.input(InviteStaffForm).mutation(async ({ ctx, input }) => {
    const events = await Promise.all(
      input.eventIds.map((eventId) => ctx.services.catalog.adminEvent.query({ eventId })),
    );
    return identityAs(ctx.token).inviteStaff.mutate({
      email: input.email,
      events: events.map((event) => ({ eventId: event.id, name: event.name })),
    });
  }),

  revokeInvitation: adminProcedure
    .input(InvitationIdInput)
    .mutation(({ ctx, input }) => identityAs(ctx.token).revokeStaffInvitation.mutate(input)),

  removeEvent: adminProcedure
    .input(StaffEventInput)
    .mutation(({ ctx, input }) => identityAs(ctx.token).removeStaffEvent.mutate(input)),

  removeStaff: adminProcedure
    .input(StaffMemberInput)
    .mutation(({ ctx, input }) => identityAs(ctx.token).removeStaff.mutate(input)),
});
