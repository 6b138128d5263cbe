import type { Metadata } from "next";
import { api, HydrateClient } from "../../server/rsc";
import { OrganizerEvents } from "./_components/organizer-events";

export const metadata: Metadata = { title: "Events" };

export default async function OrganizerHomePage() {
  await api.organizer.events.prefetchInfinite({ scope: "upcoming", query: "" });
  return (
    <main id="main" className="page">
      <HydrateClient>
        <OrganizerEvents />
      </HydrateClient>
    </main>
  );
}
