import type { Metadata } from "next";
import { api, HydrateClient } from "../../../../server/rsc";
import { CreateEventFormView } from "../../_components/create-event-form";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage() {
  await api.organizer.venues.prefetch();
  return (
    <main id="main" className="page">
      <h1>New event</h1>
      <p className="lede">
        The event starts as a draft. Next you give it a seat layout, then publish it to put it on
        sale.
      </p>
      <HydrateClient>
        <CreateEventFormView />
      </HydrateClient>
    </main>
  );
}
