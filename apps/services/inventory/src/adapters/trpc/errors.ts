import { TRPCError } from "@trpc/server";
import type { BestAvailableScope } from "../../domain/best-available";
import type {
  BestAvailableError,
  ExtendError,
  FindReservationError,
  PinError,
  ReleaseError,
  ReserveError,
} from "../../domain/errors";

/** A reservation that is not the caller's (or does not exist): the same answer, named by field. */
const notYours = (field: "reservationId" | "reservationIds", reservationId: string) =>
  new TRPCError({
    code: "NOT_FOUND",
    message: `${field}: no reservation ${reservationId} of yours`,
  });

const eventCancelled = (eventId: string) =>
  new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `eventId: event ${eventId} is cancelled; its seats are not on sale`,
  });

const keptForWaitingList = () =>
  new TRPCError({
    code: "CONFLICT",
    message:
      "These seats came back while customers are on the waiting list; they are offered to the waiting list first",
  });

const overCustomerCap = (
  field: "seatIds" | "quantity",
  error: { limit: number; alreadyHeld: number; requested: number },
) =>
  new TRPCError({
    code: "BAD_REQUEST",
    message: `${field}: at most ${error.limit} seats per customer for this event; you hold ${error.alreadyHeld} and asked for ${error.requested}`,
  });

/** Expected refusals become client errors naming the problem; nothing here is ever a 500. */
export const reserveErrorToTRPC = (error: ReserveError): TRPCError => {
  switch (error.kind) {
    case "seat-taken":
      return new TRPCError({ code: "CONFLICT", message: `${error.label} is already taken` });
    case "no-seats":
      return new TRPCError({ code: "BAD_REQUEST", message: "seatIds: choose at least one seat" });
    case "too-many-seats":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: at most ${error.limit} seats per hold, got ${error.requested}`,
      });
    case "duplicate-seat":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: seat ${error.seatId} is listed twice`,
      });
    case "unknown-seat":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: unknown seat ${error.seatId}`,
      });
    case "seat-of-other-event":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: seat ${error.seatId} is not a seat of event ${error.eventId}`,
      });
    case "over-customer-cap":
      return overCustomerCap("seatIds", error);
    case "event-cancelled":
      return eventCancelled(error.eventId);
    case "kept-for-waiting-list":
      return keptForWaitingList();
  }
};

export const releaseErrorToTRPC = (error: ReleaseError): TRPCError => {
  switch (error.kind) {
    case "reservation-not-found":
      return notYours("reservationId", error.reservationId);
    case "reservation-closed":
      return new TRPCError({
        code: "CONFLICT",
        message: `reservation ${error.reservationId} is already ${error.status}`,
      });
    case "reservation-pinned":
      return new TRPCError({
        code: "CONFLICT",
        message: `Your hold ${error.reservationId} is being paid for and cannot be released now.`,
      });
  }
};

const ENDED: Record<Extract<PinError, { kind: "hold-ended" }>["ended"], string> = {
  expired: "has expired",
  released: "was released",
  confirmed: "is already sold",
};

/** Payment passes these messages on to the customer whose card it did not charge. */
export const pinErrorToTRPC = (error: PinError): TRPCError => {
  switch (error.kind) {
    case "reservation-not-found":
      return notYours("reservationIds", error.reservationId);
    case "hold-ended":
      return new TRPCError({
        code: "CONFLICT",
        message: `Your hold ${error.reservationId} ${ENDED[error.ended]}; nothing was charged.`,
      });
  }
};

/** The web shows these to the customer who asked for more time. */
export const extendErrorToTRPC = (error: ExtendError): TRPCError => {
  switch (error.kind) {
    case "reservation-not-found":
      return notYours("reservationIds", error.reservationId);
    case "hold-ended":
      return new TRPCError({
        code: "CONFLICT",
        message: `Your hold ${error.reservationId} ${ENDED[error.ended]}; it cannot be extended.`,
      });
    case "reservation-pinned":
      return new TRPCError({
        code: "CONFLICT",
        message: `Your hold ${error.reservationId} is being paid for; it is kept until the payment ends.`,
      });
    case "extension-not-allowed":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This event does not allow holds to be extended.",
      });
    case "already-extended":
      return new TRPCError({
        code: "CONFLICT",
        message: `Your hold ${error.reservationId} was already extended once; it cannot be extended again.`,
      });
  }
};

export const findReservationErrorToTRPC = (error: FindReservationError): TRPCError => {
  switch (error.kind) {
    case "reservation-not-found":
      return notYours("reservationId", error.reservationId);
  }
};

const money = (cents: number, currency: string): string =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(cents / 100);

/** "in Stalls", "at £55.00", "in Stalls at £55.00" or "for this event". */
const whereLooked = ({ section, priceCents, currency }: BestAvailableScope): string => {
  const parts = [
    section === undefined ? null : `in ${section}`,
    priceCents === undefined ? null : `at ${money(priceCents, currency)}`,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(" ") : "for this event";
};

/** Best-available refusals, in words a buyer reads: sections and prices, never seat ids. */
export const bestAvailableErrorToTRPC = (error: BestAvailableError): TRPCError => {
  switch (error.kind) {
    case "unknown-section":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `section: this event has no section called ${JSON.stringify(error.section)}`,
      });
    case "unknown-price":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `priceCents: no seats of this event cost ${money(error.priceCents, error.currency)}`,
      });
    case "sold-out":
      return new TRPCError({
        code: "CONFLICT",
        message: error.onlyWheelchairLeft
          ? `No seats are left ${whereLooked(error.scope)} except wheelchair spaces; ask for wheelchair seating if you need one`
          : `No seats are left ${whereLooked(error.scope)}`,
      });
    case "no-wheelchair-space":
      return new TRPCError({
        code: "CONFLICT",
        message: error.anyInScope
          ? `No wheelchair spaces are left ${whereLooked(error.scope)}`
          : `There are no wheelchair spaces ${whereLooked(error.scope)}`,
      });
    case "no-companion-seats":
      return new TRPCError({
        code: "CONFLICT",
        message:
          error.largest === 1
            ? `No wheelchair space ${whereLooked(error.scope)} has a free seat beside it; ask for 1`
            : `Only ${error.largest} seats together with a wheelchair space are left ${whereLooked(error.scope)}; ask for ${error.largest} or fewer`,
      });
    case "not-enough-together":
      return new TRPCError({
        code: "CONFLICT",
        message:
          error.largest === 1
            ? `Only single seats are left ${whereLooked(error.scope)}; ask for 1 or pick seats on the map`
            : `Only ${error.largest} seats together are left ${whereLooked(error.scope)}; ask for ${error.largest} or fewer`,
      });
    case "seats-contended":
      return new TRPCError({
        code: "CONFLICT",
        message: `Other buyers took every block of ${error.requested} we tried; please try again`,
      });
    case "no-seat-map":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `eventId: event ${error.eventId} has no seats on sale`,
      });
    case "over-customer-cap":
      return overCustomerCap("quantity", error);
    case "event-cancelled":
      return eventCancelled(error.eventId);
    case "kept-for-waiting-list":
      return keptForWaitingList();
  }
};
