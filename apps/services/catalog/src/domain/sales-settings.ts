/** How fast a waiting room lets visitors through, and how long each admitted visitor may shop. */
export type WaitingRoomSettings = { admitPerMinute: number; windowSeconds: number };

/** When an event's seats are on sale (UTC instants) and whether a waiting room guards the opening. */
export type SalesSettings = {
  startsAt: Date;
  /** Null: on sale as soon as the event is published. */
  salesOpenAt: Date | null;
  /** Null: on sale until the event starts. */
  salesCloseAt: Date | null;
  /** Null: no waiting room. */
  waitingRoom: WaitingRoomSettings | null;
};

export type SalesSettingsProblem = { field: "salesOpenAt" | "salesCloseAt"; message: string };

/**
 * The rules a sales window must follow once the changes are merged with the event as stored:
 * sales open before the event starts, and close after they open and no later than the start.
 * A waiting room needs no opening time: without one it queues visitors in order of arrival
 * from the moment the event is on sale.
 */
export const checkSalesSettings = (settings: SalesSettings): SalesSettingsProblem | null => {
  const { startsAt, salesOpenAt, salesCloseAt } = settings;
  if (salesOpenAt && salesOpenAt >= startsAt)
    return {
      field: "salesOpenAt",
      message: `sales must open before the event starts (${startsAt.toISOString()})`,
    };
  if (salesCloseAt && salesOpenAt && salesCloseAt <= salesOpenAt)
    return {
      field: "salesCloseAt",
      message: `sales must close after they open (${salesOpenAt.toISOString()})`,
    };
  if (salesCloseAt && salesCloseAt > startsAt)
    return {
      field: "salesCloseAt",
      message: `sales must close no later than the event starts (${startsAt.toISOString()})`,
    };
  return null;
};
