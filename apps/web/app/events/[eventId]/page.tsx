import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatEventTime, formatMoney } from "../../../lib/format";
import { getSignedInUser } from "../../../lib/session";
import { api, HydrateClient, isNotFound } from "../../../server/rsc";
import { describeCancellationPolicy } from "../../../lib/cancellation-policy";
import { salesPhase } from "../../../lib/on-sale";
import { EventOnSale } from "./_components/event-on-sale";
import { WaitingList } from "./_components/waiting-list";
import "../../storefront.css";

type Params = { params: Promise<{ eventId: string }> };

const loadEvent = cache(async (eventId: string) => {
  try {
    return await api.events.byId({ eventId });
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const event = await loadEvent((await params).eventId);
  return { title: event.name, description: event.description.slice(0, 160) };
}

export default async function EventPage({ params }: Params) {
  const { eventId } = await params;
  const [event, user] = await Promise.all([loadEvent(eventId), getSignedInUser()]);
  // The visitor's cart starts with the page. The seat map does not: it is live, fetched when the
  // feed connects and patched by it, and a snapshot rendered again on a refresh (after signing in
  // as a guest) could reach the browser after newer live changes and undo them.
  if (user && event.seating && event.status !== "cancelled") {
    await api.cart.forEvent.prefetch({ eventId });
  }
  // A server component renders once per request, so the clock is read once: the sale's phase is
  // the one at the time of the request (the page then follows the services' clock).
  // eslint-disable-next-line react-hooks/purity
  const requestedAt = Date.now();
  return (
    <main id="main" className="page event-page">
      <p className="breadcrumb">
        <Link href="/">All events</Link>
      </p>
      <header className="event-header">
        {event.imagePath ? (
          // Local SVG posters: no optimisation to do, and no third-party loader.
          <img
            className="event-header-image"
            src={event.imagePath}
            alt=""
            width={320}
            height={180}
            fetchPriority="high"
          />
        ) : null}
        <div>
          <h1>{event.name}</h1>
          <p className="event-when">
            <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.timeZone)}</time>
          </p>
          <p className="event-where">
            {event.venue.name}, {event.venue.city}
          </p>
          {event.seating ? (
            <p className="event-price">
              {event.seating.minPriceCents === event.seating.maxPriceCents
                ? formatMoney(event.seating.minPriceCents, event.seating.currency)
                : `${formatMoney(event.seating.minPriceCents, event.seating.currency)} – ${formatMoney(event.seating.maxPriceCents, event.seating.currency)}`}
            </p>
          ) : null}
          <p className="event-cancellation" data-testid="cancellation-policy">
            {describeCancellationPolicy(event.cancellation, {
              startsAt: event.startsAt,
              timeZone: event.timeZone,
              currency: event.seating?.currency ?? null,
            })}
          </p>
          {event.description ? <p className="event-description">{event.description}</p> : null}
        </div>
      </header>
      {event.status === "cancelled" ? (
        <p className="error-notice" role="alert">
          This event has been cancelled.
        </p>
      ) : event.seating ? (
        <HydrateClient>
          <EventOnSale
            event={{
              id: event.id,
              name: event.name,
              timeZone: event.timeZone,
              startsAt: event.startsAt,
              salesOpenAt: event.salesOpenAt,
              salesCloseAt: event.salesCloseAt,
              waitingRoom: event.waitingRoom,
            }}
            signedIn={Boolean(user)}
            initialPhase={salesPhase(event, requestedAt)}
          />
          <WaitingList
            eventId={event.id}
            account={Boolean(user) && user?.role !== "guest" && user?.role !== "staff"}
            guest={user?.role === "guest"}
          />
        </HydrateClient>
      ) : (
        <p className="muted">Seats for this event are not on sale yet.</p>
      )}
    </main>
  );
}
