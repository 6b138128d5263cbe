import { adminProcedure, authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { z } from "zod";
import type { InventoryDeps } from "../../app/deps";
import { extendHolds } from "../../app/extend-holds";
import { getAvailability } from "../../app/get-availability";
import { getMyReservation } from "../../app/get-my-reservation";
import { listMyReservations } from "../../app/list-my-reservations";
import { pinHoldsForPayment } from "../../app/pin-holds-for-payment";
import { releaseReservation } from "../../app/release-reservation";
import { adoptGuestHoldsProcedure } from "./adopt-guest-holds-procedure";
import { reserveSeats } from "../../app/reserve-seats";
import { holdBestAvailable } from "../../app/hold-best-available";
import type { SaleGate } from "../../app/check-sale-gate";
import { getWaitingRoomStats } from "../../app/get-waiting-room-stats";
import { getWaitingRoomStatus } from "../../app/get-waiting-room-status";
import { joinWaitingRoom } from "../../app/join-waiting-room";
import { setWaitingRoomPaused } from "../../app/set-waiting-room-paused";
import type { WaitingRoomDeps } from "../../app/waiting-room-deps";
import { MAX_SEATS_PER_REQUEST } from "../../domain/hold-rules";
import {
  bestAvailableErrorToTRPC,
  extendErrorToTRPC,
  findReservationErrorToTRPC,
  pinErrorToTRPC,
  releaseErrorToTRPC,
  reserveErrorToTRPC,
} from "./errors";
import { gateErrorToTRPC, joinErrorToTRPC, statsErrorToTRPC } from "./waiting-room-errors";
import {
  getMyWaitingList,
  getWaitingListScope,
  joinWaitingList,
  leaveWaitingList,
} from "../../app/waiting-list";
import { joinWaitingListErrorToTRPC, leaveWaitingListErrorToTRPC } from "./waiting-list-errors";

/** A number of seats asked for at once (best available, a place on the waiting list). */
const seatQuantity = (tooMany: string) =>
  z
    .number("a whole number of seats from 1 to 10")
    .int("a whole number of seats from 1 to 10")
    .min(1, "at least 1 seat")
    .max(MAX_SEATS_PER_REQUEST, tooMany);

/** A section's name, as the seat map spells it. */
const sectionName = z
  .string("a section's name")
  .trim()
  .min(1, "a section's name")
  .max(100, "at most 100 characters");

/** Holds one payment may pin at once (an order's holds; far more than any order has). */
export const MAX_HOLDS_PER_PIN = 50;

/** Some of the caller's holds, each once (pinning for a payment, extending). */
const reservationIdList = z
  .array(z.uuid("a reservation id (uuid)"), "a list of reservation ids")
  .min(1, "at least one reservation")
  .max(MAX_HOLDS_PER_PIN, `at most ${MAX_HOLDS_PER_PIN} reservations`)
  .superRefine((ids, ctx) => {
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) {
      ctx.addIssue({ code: "custom", message: `reservation ${twice} is listed twice` });
    }
  });

/** Web → inventory: hold these seats of one event for the signed-in customer, all or nothing. */
export const ReserveInput = z.object({
  eventId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1).max(MAX_SEATS_PER_REQUEST),
  /** The waiting room's admission token (`waitingRoomStatus`), for an event that has one. */
  admission: z.string().max(4_000).optional(),
});
export type ReserveInput = z.infer<typeof ReserveInput>;

/** Web → inventory: hold the best `quantity` seats side by side, optionally at one price or in one section. */
export const HoldBestAvailableInput = z.object({
  eventId: z.uuid("an event id (uuid)"),
  quantity: seatQuantity(`at most ${MAX_SEATS_PER_REQUEST} seats together`),
  /** A price level, as the seat map lists it. */
  priceCents: z
    .number("a price in cents")
    .int("a price in cents")
    .min(0, "a price in cents")
    .max(100_000_000, "a price in cents")
    .optional(),
  /** A section's name, as the seat map spells it. */
  section: sectionName.optional(),
  /**
   * Wheelchair seating: one wheelchair space, the other `quantity - 1` seats ordinary ones beside
   * it. Without it (or false) no wheelchair space is chosen.
   */
  accessible: z.boolean("true or false").optional(),
  /** The waiting room's admission token (`waitingRoomStatus`), for an event that has one. */
  admission: z.string().max(4_000).optional(),
});
export type HoldBestAvailableInput = z.infer<typeof HoldBestAvailableInput>;

/** Web → inventory: give up one of the signed-in customer's active holds. */
export const ReleaseInput = z.object({ reservationId: z.uuid() });
export type ReleaseInput = z.infer<typeof ReleaseInput>;

/**
 * Payment → inventory (with the customer's token), before charging a card: pin these holds of the
 * customer's for this payment, so none expires or is released until it settles.
 */
export const PinForPaymentInput = z.object({
  paymentId: z.uuid("a payment id (uuid)"),
  reservationIds: reservationIdList,
});
export type PinForPaymentInput = z.infer<typeof PinForPaymentInput>;

/** Inventory → payment: the earliest instant until which the holds are pinned (ISO 8601). */
export const PinForPaymentOutput = z.object({ pinnedUntil: z.iso.datetime() });
export type PinForPaymentOutput = z.infer<typeof PinForPaymentOutput>;

/**
 * Web → inventory: keep these holds of the signed-in customer's longer, once each, by the minutes
 * their event allows (all or nothing).
 */
export const ExtendHoldsInput = z.object({
  reservationIds: reservationIdList,
});
export type ExtendHoldsInput = z.infer<typeof ExtendHoldsInput>;

/** Inventory → web: each extended hold with its new end (ISO 8601). */
export const ExtendHoldsOutput = z.object({
  reservations: z.array(z.object({ reservationId: z.uuid(), expiresAt: z.iso.datetime() })),
});
export type ExtendHoldsOutput = z.infer<typeof ExtendHoldsOutput>;

/** Web → inventory: the signed-in customer's holds, newest first, optionally for one event. */
export const MyReservationsInput = z.object({ eventId: z.uuid().optional() }).optional();
export type MyReservationsInput = z.infer<typeof MyReservationsInput>;

/** Ordering → inventory (with the customer's token): one of the signed-in customer's holds. */
export const MyReservationInput = z.object({ reservationId: z.uuid() });
export type MyReservationInput = z.infer<typeof MyReservationInput>;

/** Web, catalog, operators → inventory: seat counts per state and the held and sold seat ids. */
export const AvailabilityInput = z.object({ eventId: z.uuid() });
export type AvailabilityInput = z.infer<typeof AvailabilityInput>;

/** Web → inventory: join an event's waiting room, with a solved proof of work ("waiting-room"). */
export const JoinWaitingRoomInput = z.object({
  eventId: z.uuid(),
  proof: z.string().min(1).max(20_000),
});
export type JoinWaitingRoomInput = z.infer<typeof JoinWaitingRoomInput>;

/** Web → inventory: the caller's place in a waiting room; organizer: its stats, pause, resume. */
export const WaitingRoomInput = z.object({ eventId: z.uuid() });
export type WaitingRoomInput = z.infer<typeof WaitingRoomInput>;

/**
 * Web → inventory: put the signed-in customer (an account, not a guest) in line for `quantity`
 * seats of a sold-out event, or of one sold-out section.
 */
export const JoinWaitingListInput = z.object({
  eventId: z.uuid("an event id (uuid)"),
  quantity: seatQuantity(`at most ${MAX_SEATS_PER_REQUEST} seats`),
  /** Without it, any seats of the event. */
  section: sectionName.optional(),
});
export type JoinWaitingListInput = z.infer<typeof JoinWaitingListInput>;

/** Web → inventory: the signed-in customer's place on an event's waiting list; or leave it. */
export const WaitingListInput = z.object({ eventId: z.uuid("an event id (uuid)") });
export type WaitingListInput = z.infer<typeof WaitingListInput>;

/** Inventory's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (
  deps: InventoryDeps,
  room: { deps: WaitingRoomDeps; gate: SaleGate },
) =>
  router({
    ping: publicProcedure.query(() => ({ service: "inventory", time: new Date().toISOString() })),

    reserve: authedProcedure.input(ReserveInput).mutation(async ({ ctx, input }) => {
      const gate = await room.gate.check({
        eventId: input.eventId,
        visitorId: ctx.user.id,
        admission: input.admission,
      });
      if (!gate.ok) throw gateErrorToTRPC(gate.error);
      const result = await reserveSeats(deps, {
        customerId: ctx.user.id,
        customerEmail: ctx.user.email,
        eventId: input.eventId,
        seatIds: input.seatIds,
        cause: { correlationId: ctx.correlationId },
      });
      if (!result.ok) throw reserveErrorToTRPC(result.error);
      return result.value;
    }),

    holdBestAvailable: authedProcedure
      .input(HoldBestAvailableInput)
      .mutation(async ({ ctx, input }) => {
        const gate = await room.gate.check({
          eventId: input.eventId,
          visitorId: ctx.user.id,
          admission: input.admission,
        });
        if (!gate.ok) throw gateErrorToTRPC(gate.error);
        const result = await holdBestAvailable(deps, {
          customerId: ctx.user.id,
          customerEmail: ctx.user.email,
          eventId: input.eventId,
          quantity: input.quantity,
          priceCents: input.priceCents,
          section: input.section,
          accessible: input.accessible,
          cause: { correlationId: ctx.correlationId },
        });
        if (!result.ok) throw bestAvailableErrorToTRPC(result.error);
        return result.value;
      }),

    release: authedProcedure.input(ReleaseInput).mutation(async ({ ctx, input }) => {
      const result = await releaseReservation(deps, {
        customerId: ctx.user.id,
        reservationId: input.reservationId,
        cause: { correlationId: ctx.correlationId },
      });
      if (!result.ok) throw releaseErrorToTRPC(result.error);
      return result.value;
    }),

    pinForPayment: authedProcedure
      .input(PinForPaymentInput)
      .mutation(async ({ ctx, input }): Promise<PinForPaymentOutput> => {
        const result = await pinHoldsForPayment(deps, {
          customerId: ctx.user.id,
          paymentId: input.paymentId,
          reservationIds: input.reservationIds,
        });
        if (!result.ok) throw pinErrorToTRPC(result.error);
        return result.value;
      }),

    extendHolds: authedProcedure
      .input(ExtendHoldsInput)
      .mutation(async ({ ctx, input }): Promise<ExtendHoldsOutput> => {
        const result = await extendHolds(deps, {
          customerId: ctx.user.id,
          reservationIds: input.reservationIds,
          cause: { correlationId: ctx.correlationId },
        });
        if (!result.ok) throw extendErrorToTRPC(result.error);
        return result.value;
      }),

    adoptGuestHolds: adoptGuestHoldsProcedure(deps),

    myReservations: authedProcedure
      .input(MyReservationsInput)
      .query(({ ctx, input }) =>
        listMyReservations(deps.db, { customerId: ctx.user.id, eventId: input?.eventId }),
      ),

    myReservation: authedProcedure.input(MyReservationInput).query(async ({ ctx, input }) => {
      const result = await getMyReservation(deps.db, {
        customerId: ctx.user.id,
        reservationId: input.reservationId,
      });
      if (!result.ok) throw findReservationErrorToTRPC(result.error);
      return result.value;
    }),

    joinWaitingRoom: authedProcedure
      .input(JoinWaitingRoomInput)
      .mutation(async ({ ctx, input }) => {
        const result = await joinWaitingRoom(room.deps, {
          eventId: input.eventId,
          visitorId: ctx.user.id,
          proof: input.proof,
        });
        if (!result.ok) throw joinErrorToTRPC(result.error);
        return result.value;
      }),

    waitingRoomStatus: authedProcedure
      .input(WaitingRoomInput)
      .query(({ ctx, input }) =>
        getWaitingRoomStatus(room.deps, { eventId: input.eventId, visitorId: ctx.user.id }),
      ),

    waitingRoomStats: adminProcedure.input(WaitingRoomInput).query(async ({ input }) => {
      const result = await getWaitingRoomStats(room.deps, { eventId: input.eventId });
      if (!result.ok) throw statsErrorToTRPC(result.error);
      return result.value;
    }),

    pauseWaitingRoom: adminProcedure.input(WaitingRoomInput).mutation(async ({ input }) => {
      const result = await setWaitingRoomPaused(room.deps, {
        eventId: input.eventId,
        paused: true,
      });
      if (!result.ok) throw statsErrorToTRPC(result.error);
      return result.value;
    }),

    resumeWaitingRoom: adminProcedure.input(WaitingRoomInput).mutation(async ({ input }) => {
      const result = await setWaitingRoomPaused(room.deps, {
        eventId: input.eventId,
        paused: false,
      });
      if (!result.ok) throw statsErrorToTRPC(result.error);
      return result.value;
    }),

    joinWaitingList: authedProcedure
      .input(JoinWaitingListInput)
      .mutation(async ({ ctx, input }) => {
        // An offer is emailed, maybe days later, and its hold is bought by the customer it was
        // made to: a guest token is short-lived and its address unproven, so guests sign in first.
        if (ctx.user.role === "guest") {
          throw joinWaitingListErrorToTRPC({ kind: "guest" });
        }
        const result = await joinWaitingList(deps, {
          customerId: ctx.user.id,
          customerEmail: ctx.user.email,
          eventId: input.eventId,
          quantity: input.quantity,
          section: input.section ?? null,
        });
        if (!result.ok) throw joinWaitingListErrorToTRPC(result.error);
        return result.value;
      }),

    leaveWaitingList: authedProcedure.input(WaitingListInput).mutation(async ({ ctx, input }) => {
      const result = await leaveWaitingList(deps, {
        customerId: ctx.user.id,
        eventId: input.eventId,
      });
      if (!result.ok) throw leaveWaitingListErrorToTRPC(result.error);
      return result.value;
    }),

    myWaitingList: authedProcedure
      .input(WaitingListInput)
      .query(({ ctx, input }) =>
        getMyWaitingList(deps, { customerId: ctx.user.id, eventId: input.eventId }),
      ),

    waitingListScope: publicProcedure
      .input(WaitingListInput)
      .query(({ input }) => getWaitingListScope(deps, input.eventId)),

    availability: publicProcedure
      .input(AvailabilityInput)
      .query(({ input }) => getAvailability(deps.db, input.eventId)),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
