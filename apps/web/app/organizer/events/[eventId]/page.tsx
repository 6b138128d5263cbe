import type { Metadata } from "next";
import { api, HydrateClient } from "../../../../server/rsc";
import { OrganizerEvent } from "../../_components/organizer-event";

export const metadata: Metadata = { title: "Event" };

export default async function OrganizerEventPage({
  params,
}: {
  params: Promise<{ eventId: string }>;
}) {
  const { eventId } = await params;
  await api.organizer.event.prefetch({ eventId });
  return (
    <main id="main" className="page">
      <HydrateClient>
        <OrganizerEvent eventId={eventId} />
      </HydrateClient>
    </main>
  );
}
