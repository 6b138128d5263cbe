import type { Metadata } from "next";
import { OrganizerEvents } from "./_components/organizer-events";

export const metadata: Metadata = { title: "Events" };

export default function OrganizerHomePage() {
  return (
    <main id="main" className="page">
      <OrganizerEvents />
    </main>
  );
}
