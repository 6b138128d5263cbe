import { randomUUID } from "node:crypto";
import { ADMIN, registerBuyer } from "./accounts";
import { callService, eventually } from "./service-api";

type Token = { accessToken: string };
type TicketView = {
  ticketId: string;
  orderId: string;
  code: string;
  /** The code printed under the QR, `XXXXX-XXXXX`. */
  shortCode: string;
  section: string;
  row: string;
  number: number;
};
type OrderView = { orderId: string; status: string; totalCents: number };

export type Purchase = {
  eventId: string;
  eventName: string;
  orderId: string;
  customer: { name: string; email: string; password: string; token: string };
  tickets: TicketView[];
};

export const adminToken = async (): Promise<string> =>
  (await callService<Token>("identity", "login", { email: ADMIN.email, password: ADMIN.password }))
    .accessToken;

/** When a journey's event starts, unless it says otherwise: a month ahead. */
const A_MONTH_AHEAD_MS = 30 * 24 * 3_600_000;

/**
 * A fresh published event of ten seats (two rows of five at EUR 25.00), created through catalog's
 * organizer API, so each journey has seats no other run has sold.
 */
export const publishSmallEvent = async (
  token: string,
  name = `E2E night ${randomUUID().slice(0, 8)}`,
  startsInMs = A_MONTH_AHEAD_MS,
): Promise<{ eventId: string; name: string }> => {
  const venues = await callService<{ id: string }[]>("catalog", "venues", undefined, {
    token,
    kind: "query",
  });
  const venue = venues[0];
  if (!venue) throw new Error("catalog has no venue; is the seed in place?");
  const event = await callService<{ id: string }>(
    "catalog",
    "createEvent",
    {
      name,
      startsAt: new Date(Date.now() + startsInMs).toISOString(),
      venueId: venue.id,
    },
    { token },
  );
  await callService(
    "catalog",
    "generateLayout",
    {
      eventId: event.id,
      currency: "EUR",
      tiers: [{ name: "Main", priceCents: 2_500 }],
      sections: [{ name: "Floor", rows: 2, seatsPerRow: 5, tier: "Main" }],
    },
    { token },
  );
  await callService("catalog", "publish", { eventId: event.id }, { token });
  return { eventId: event.id, name };
};

/**
 * A customer who bought `seats` seats of a fresh event and holds their tickets: sign-up (identity),
 * hold (inventory), cart and checkout (ordering), a good card (payment), then the tickets
 * (fulfillment), each step waiting for what arrives through Kafka. `startsInMs`: when the event
 * starts (a door journey's event starts soon, so the desk lists it among today's events).
 * `event` and `firstSeat`: buy on an event published before (several buyers of one event), from
 * that seat of its first section on.
 */
export const purchaseThroughApis = async (
  seats = 2,
  {
    startsInMs = A_MONTH_AHEAD_MS,
    event: existing,
    firstSeat = 0,
  }: { startsInMs?: number; event?: { eventId: string; name: string }; firstSeat?: number } = {},
): Promise<Purchase> => {
  const event = existing ?? (await publishSmallEvent(await adminToken(), undefined, startsInMs));
  const customer = await registerBuyer();
  // Sign-up answers alike for new and taken addresses, with no token: sign in next.
  const { accessToken: token } = await callService<Token>("identity", "login", {
    email: customer.email,
    password: customer.password,
  });
  const { seatIds } = await callService<{ seatIds: string[] }>(
    "catalog",
    "seatIds",
    { eventId: event.eventId, section: 0 },
    { kind: "query" },
  );
  // Inventory stocks the seats when catalog's seats-generated reaches it.
  const hold = await eventually("the hold", () =>
    callService<{ reservationId: string }>(
      "inventory",
      "reserve",
      { eventId: event.eventId, seatIds: seatIds.slice(firstSeat, firstSeat + seats) },
      { token },
    ),
  );
  const cart = await callService<OrderView>(
    "ordering",
    "addToCart",
    { reservationId: hold.reservationId },
    { token },
  );
  await callService<OrderView>("ordering", "checkout", { orderId: cart.orderId }, { token });
  const idempotencyKey = `e2e-${randomUUID()}`;
  // Payment learns of the order from ordering's order-placed.
  await eventually("the payment", () =>
    callService(
      "payment",
      "pay",
      {
        orderId: cart.orderId,
        card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2035, cvc: "123" },
        idempotencyKey,
      },
      { token },
    ),
  );
  const tickets = await eventually("the tickets", async () => {
    const issued = await callService<TicketView[]>(
      "fulfillment",
      "orderTickets",
      { orderId: cart.orderId },
      { token, kind: "query" },
    );
    return issued.length === seats ? issued : null;
  });
  return {
    eventId: event.eventId,
    eventName: event.name,
    orderId: cart.orderId,
    customer: { ...customer, token },
    tickets,
  };
};
