import type { Metadata } from "next";
import { OrganizerEvent } from "../../_components/organizer-event";

export const metadata: Metadata = { title: "Event" };

export default async function OrganizerEventPage({
  params,
}: {
  params: Promise<{ eventId: string }>;
}) {
  const { eventId } = await params;
  return (
    <main id="main" className="page">
      <OrganizerEvent eventId={eventId} />
    </main>
  );
}
