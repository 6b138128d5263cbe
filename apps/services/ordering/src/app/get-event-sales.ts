import { currencyOfEvent, salesOfEvent, type SqlTx } from "../adapters/db/ordering-store";

export type EventSales = {
  eventId: string;
  ordersConfirmed: number;
  seatsSold: number;
  revenueCents: number;
  currency: string;
};

/** What an event has sold through confirmed (or fulfilled) orders. */
export const getEventSales = async (q: SqlTx, eventId: string): Promise<EventSales> => {
  const sales = await salesOfEvent(q, eventId);
  const currency = sales.currency ?? (await currencyOfEvent(q, eventId)) ?? "EUR";
  return {
    eventId,
    ordersConfirmed: sales.ordersConfirmed,
    seatsSold: sales.seatsSold,
    revenueCents: Number(sales.revenueCents),
    currency,
  };
};
