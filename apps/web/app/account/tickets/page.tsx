import type { Metadata } from "next";
import { api, HydrateClient } from "../../../server/rsc";
import { MyTickets } from "../_components/my-tickets";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage() {
  await api.account.tickets.prefetch();
  return (
    <main id="main" className="page">
      <h1>My tickets</h1>
      <HydrateClient>
        <MyTickets />
      </HydrateClient>
    </main>
  );
}
