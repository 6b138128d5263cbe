import {
  CheckInListForm,
  CheckInListInput,
  DoorCheckInInput,
  DoorEventInput,
  DoorSyncInput,
} from "../../lib/door-forms";
import { staffDoorEvents } from "../staff-door-events";
import { doorProcedure, router } from "../trpc";

/** Events whose door opens this long after they started still show on the desk (late arrivals). */
const STARTED_UP_TO_MS = 12 * 3_600_000;

/** An event a desk can check in for, as the desk's picker shows it. */
export type DoorEvent = {
  id: string;
  name: string;
  startsAt: string;
  timeZone: string;
  venueName: string;
};

/**
 * The check-in desk: which events it can work, their check-in lists, and scans on one list. The
 * desk forwards to fulfillment, which decides who may work the door of which event; the web only
 * keeps signed-out visitors and customers away (`doorProcedure`: organizers and door staff).
 */
export const doorRouter = router({
  /**
   * Published events from twelve hours ago on, soonest first; for door staff, only the events
   * they were given.
   */
  events: doorProcedure.query(async ({ ctx }): Promise<DoorEvent[]> => {
    if (ctx.user.role === "staff") {
      return staffDoorEvents(ctx.services.catalog, ctx.user.doorEvents ?? [], STARTED_UP_TO_MS);
    }
    const page = await ctx.services.catalog.organizerEvents.query({
      from: new Date(Date.now() - STARTED_UP_TO_MS).toISOString(),
      status: "published",
      limit: 50,
    });
    return page.items.map((event) => ({
      id: event.id,
      name: event.name,
      startsAt: event.startsAt,
      timeZone: event.timeZone,
      venueName: event.venue.name,
    }));
  }),

  /** The event's section names, for choosing which ones a new list admits. */
  sections: doorProcedure.input(DoorEventInput).query(async ({ ctx, input }): Promise<string[]> => {
    const seatMap = await ctx.services.catalog.seatMap.query(input);
    return seatMap.sections.map((section) => section.name);
  }),

  lists: doorProcedure
    .input(DoorEventInput)
    .query(({ ctx, input }) => ctx.services.fulfillment.checkInLists.query(input)),

  createList: doorProcedure
    .input(CheckInListForm)
    .mutation(({ ctx, input }) => ctx.services.fulfillment.createCheckInList.mutate(input)),

  checkIn: doorProcedure
    .input(DoorCheckInInput)
    .mutation(({ ctx, input }) => ctx.services.fulfillment.checkIn.mutate(input)),

  undoLastCheckIn: doorProcedure
    .input(CheckInListInput)
    .mutation(({ ctx, input }) => ctx.services.fulfillment.undoLastCheckIn.mutate(input)),

  /** The list's admissible tickets, signed by fulfillment, for checking scans offline. */
  offlineList: doorProcedure
    .input(CheckInListInput)
    .query(({ ctx, input }) => ctx.services.fulfillment.doorList.query(input)),

  /** The public key a desk verifies an offline list with. */
  offlineListKey: doorProcedure.query(({ ctx }) => ctx.services.fulfillment.doorListKey.query()),

  /** The scans a desk admitted offline, once it is back online. */
  syncCheckIns: doorProcedure
    .input(DoorSyncInput)
    .mutation(({ ctx, input }) => ctx.services.fulfillment.syncCheckIns.mutate(input)),

  /** Tickets of the event admitted twice (offline on two devices, or offline and online). */
  duplicates: doorProcedure
    .input(DoorEventInput)
    .query(({ ctx, input }) => ctx.services.fulfillment.duplicateAdmissions.query(input)),
});
