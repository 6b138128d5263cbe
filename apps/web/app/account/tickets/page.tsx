import type { Metadata } from "next";
import { MyTickets } from "../_components/my-tickets";

export const metadata: Metadata = { title: "My tickets" };

export default function MyTicketsPage() {
  return (
    <main id="main" className="page">
      <h1>My tickets</h1>
      <MyTickets />
    </main>
  );
}
