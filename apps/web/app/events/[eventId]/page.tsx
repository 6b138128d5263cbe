import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatEventTime, formatMoney } from "../../../lib/format";
import { getSignedInUser } from "../../../lib/session";
import { isNotFound, publicServices } from "../../../server/public-services";
import { salesPhase } from "../../../lib/on-sale";
import { EventOnSale } from "./_components/event-on-sale";
import "../../storefront.css";

type Params = { params: Promise<{ eventId: string }> };

const loadEvent = cache(async (eventId: string) => {
  try {
    return await (await publicServices()).catalog.event.query({ eventId });
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
          {event.description ? <p className="event-description">{event.description}</p> : null}
        </div>
      </header>
      {event.status === "cancelled" ? (
        <p className="error-notice" role="alert">
          This event has been cancelled.
        </p>
      ) : event.seating ? (
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
          initialPhase={salesPhase(event, Date.now())}
        />
      ) : (
        <p className="muted">Seats for this event are not on sale yet.</p>
      )}
    </main>
  );
}
