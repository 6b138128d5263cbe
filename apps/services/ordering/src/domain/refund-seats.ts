import { fail, ok, type Result } from "@marquee/service/result";
import type { OrderStatus } from "./order-status";

/** Orders whose seats are sold: the ones with tickets to refund. */
const REFUNDABLE: ReadonlySet<OrderStatus> = new Set(["confirmed", "fulfilled"]);
export const isRefundable = (status: OrderStatus): boolean => REFUNDABLE.has(status);

export type SeatPrice = { seatId: string; priceCents: number };

export type RefundSeatsError =
  | { kind: "seat-not-in-order"; seatId: string }
  | { kind: "seat-already-refunded"; seatId: string }
  | { kind: "nothing-to-refund" };

/** What a refund request says about seats, as far as deciding the next refund goes. */
export type RefundRequestSeats = {
  kind: string;
  status: "requested" | "refunded" | "refused";
  seatIds: readonly string[];
};

/**
 * The order's seats already refunded or asked for: a cancelled event's refund covers every seat;
 * a request payment refused gave nothing back, so its seats may be asked for again.
 */
export const seatsAlreadyRefunded = (
  seats: readonly { seatId: string }[],
  requests: readonly RefundRequestSeats[],
): Set<string> => {
  const standing = requests.filter((r) => r.status !== "refused");
  return new Set(
    standing.some((r) => r.kind === "event-cancelled")
      ? seats.map((s) => s.seatId)
      : standing.flatMap((r) => r.seatIds),
  );
};

/**
 * Which seats a refund covers and what they cost: the chosen ones, or (none chosen) every seat
 * not refunded yet. A seat of another order, or one refunded (or asked for) before, is refused by
 * name, so one seat's money never goes back twice.
 */
export const chooseSeatsToRefund = (
  seats: readonly SeatPrice[],
  alreadyRefunded: ReadonlySet<string>,
  chosen: readonly string[],
): Result<{ seatIds: string[]; amountCents: number }, RefundSeatsError> => {
  const bySeat = new Map(seats.map((s) => [s.seatId, s]));
  const picked: SeatPrice[] = [];
  if (chosen.length === 0) {
    picked.push(...seats.filter((s) => !alreadyRefunded.has(s.seatId)));
  } else {
    for (const seatId of new Set(chosen)) {
      const seat = bySeat.get(seatId);
      if (!seat) return fail({ kind: "seat-not-in-order", seatId });
      if (alreadyRefunded.has(seatId)) return fail({ kind: "seat-already-refunded", seatId });
      picked.push(seat);
    }
  }
  if (picked.length === 0) return fail({ kind: "nothing-to-refund" });
  return ok({
    seatIds: picked.map((s) => s.seatId),
    amountCents: picked.reduce((sum, s) => sum + s.priceCents, 0),
  });
};
