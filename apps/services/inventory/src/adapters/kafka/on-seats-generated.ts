import type { EventHandler } from "@marquee/events/consumer";
import type { EventOfType } from "@marquee/events/registry";
import { createSeatStock } from "../../app/create-seat-stock";

export const onSeatsGenerated: EventHandler<EventOfType<"catalog.seats-generated">> = async (
  event,
  { tx, log },
) => {
  const created = await createSeatStock(tx, event);
  const { eventId, part, parts } = event.data;
  log.info({ eventId, part, parts, created }, "seat stock created");
};
