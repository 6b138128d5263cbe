import type { EventHandler } from "@marquee/events/consumer";
import type { EventOfType } from "@marquee/events/registry";
import { recordEventSettings } from "../../app/record-event-settings";

/** catalog.event-published and catalog.event-updated both carry the hold TTL, sales window and waiting room. */
export const onEventSettingsChanged: EventHandler<
  EventOfType<"catalog.event-published" | "catalog.event-updated">
> = async (event, { tx }) => {
  await recordEventSettings(tx, event);
};
