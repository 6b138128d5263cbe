"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { useState } from "react";
import { formatEventTime, formatPriceRange } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import { EventStatus } from "./event-status";

type Scope = "upcoming" | "past";

/**
 * The organizer's events, upcoming or past, drafts and cancelled ones included, each linking to
 * its page (layout, publishing, sales).
 */
export function OrganizerEvents() {
  const [scope, setScope] = useState<Scope>("upcoming");
  const [query, setQuery] = useState("");
  const events = trpc.organizer.events.useInfiniteQuery(
    { scope, query },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="organizer-events-title" className="stack">
      <div className="page-heading">
        <h1 id="organizer-events-title">Events</h1>
        <Link className="button" href="/organizer/events/new">
          New event
        </Link>
      </div>
      <form
        role="search"
        className="organizer-search"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get("query");
          setQuery(typeof value === "string" ? value.trim() : "");
        }}
      >
        <label htmlFor="organizer-query">Search events</label>
        <input id="organizer-query" name="query" type="search" maxLength={200} />
        <button type="submit" className="button button-small">
          Search
        </button>
      </form>
      <div role="group" aria-label="Which events" className="segmented">
        {(["upcoming", "past"] as const).map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={scope === value}
            onClick={() => setScope(value)}
          >
            {value === "upcoming" ? "Upcoming" : "Past"}
          </button>
        ))}
      </div>

      {events.isPending ? (
        <LoadingState label="Loading events…" />
      ) : events.isError ? (
        <ErrorNotice message={events.error.message} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={
            query
              ? `No ${scope} events match “${query}”`
              : scope === "upcoming"
                ? "No upcoming events"
                : "No past events"
          }
        >
          <p>
            <Link href="/organizer/events/new">Create an event</Link>, give it a seat layout and
            publish it.
          </p>
        </EmptyState>
      ) : (
        <>
          <table className="data-table">
            <caption className="visually-hidden">
              {scope === "upcoming" ? "Upcoming events" : "Past events"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">When</th>
                <th scope="col">Venue</th>
                <th scope="col">Seats</th>
                <th scope="col">Prices</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    <Link href={`/organizer/events/${event.id}`}>{event.name}</Link>
                  </th>
                  <td>{formatEventTime(event.startsAt, event.timeZone)}</td>
                  <td>
                    {event.venue.name}, {event.venue.city}
                  </td>
                  <td>{event.seating ? event.seating.seatCount.toLocaleString("en-GB") : "—"}</td>
                  <td>
                    {event.seating
                      ? formatPriceRange(
                          event.seating.minPriceCents,
                          event.seating.maxPriceCents,
                          event.seating.currency,
                        )
                      : "—"}
                  </td>
                  <td>
                    <EventStatus status={event.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {events.hasNextPage ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? "Loading…" : "Show more"}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
