import { EmptyState } from "@marquee/ui/empty-state";
import Link from "next/link";
import { EventLink } from "../components/event-link";
import { readFilters, toListInput, withinDays } from "../lib/event-filters";
import { formatEventTime, formatMoney } from "../lib/format";
import { api } from "../server/rsc";
import "./storefront.css";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The storefront: upcoming events, with text search and a date range. */
export default async function EventsPage({ searchParams }: Props) {
  const filters = readFilters(await searchParams);
  const page = await api.events.list(toListInput(filters));
  const events = page.items.filter((event) => withinDays(filters, event.startsAt, event.timeZone));
  const filtered = Boolean(filters.q || filters.from || filters.to);
  const next = new URLSearchParams({
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  });

  return (
    <main id="main" className="page">
      <h1>Marquee — upcoming events</h1>
      <form className="event-search" role="search" action="/" method="get">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q}
            placeholder="Artist, venue or city"
          />
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <div className="event-search-actions">
          <button type="submit" className="button">
            Find events
          </button>
          {filtered ? <Link href="/">Clear</Link> : null}
        </div>
      </form>

      {events.length === 0 ? (
        <EmptyState title={filtered ? "No events match your search." : "No upcoming events yet."}>
          {filtered ? <Link href="/">See all events</Link> : null}
        </EmptyState>
      ) : (
        <ul className="event-grid" aria-label="Events">
          {events.map((event, i) => (
            <li key={event.id} className="event-card">
              {event.imagePath ? (
                <img
                  src={event.imagePath}
                  alt=""
                  width={320}
                  height={180}
                  loading={i < 3 ? "eager" : "lazy"}
                />
              ) : (
                <div className="event-card-placeholder" aria-hidden="true" />
              )}
              <div className="event-card-body">
                <h2>
                  <EventLink eventId={event.id} seated={Boolean(event.seating)}>
                    {event.name}
                  </EventLink>
                </h2>
                <p>
                  <time dateTime={event.startsAt}>
                    {formatEventTime(event.startsAt, event.timeZone)}
                  </time>
                </p>
                <p className="muted">
                  {event.venue.name}, {event.venue.city}
                </p>
                {event.seating ? (
                  <p className="event-price">
                    from {formatMoney(event.seating.minPriceCents, event.seating.currency)}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p className="pager">
          <Link href={`/?${next.toString()}`}>More events</Link>
        </p>
      ) : null}
    </main>
  );
}
