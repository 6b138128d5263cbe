import { EmptyState } from "@marquee/ui/empty-state";
import Link from "next/link";

export default function EventNotFound() {
  return (
    <main id="main" className="page">
      <h1>Event not found</h1>
      <EmptyState title="There is no such event, or it is not on sale.">
        <Link href="/">See all events</Link>
      </EmptyState>
    </main>
  );
}
