/**
 * Opaque paging cursor for the order history: the position (creation instant, id) of the last
 * order on the previous page. Newest first, ties broken by id, so pages never overlap or skip.
 */
export type OrderCursor = { createdAt: Date; orderId: string };

export const encodeCursor = (c: OrderCursor): string =>
  Buffer.from(`${c.createdAt.toISOString()}|${c.orderId}`, "utf8").toString("base64url");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null for anything this service did not hand out. */
export const decodeCursor = (text: string): OrderCursor | null => {
  const [instant, orderId, ...rest] = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !instant || !orderId || !UUID.test(orderId)) return null;
  const createdAt = new Date(instant);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== instant) return null;
  return { createdAt, orderId };
};
