"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { formatEventTime, formatPriceRange } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import { EventActions } from "./event-actions";
import { EventStatus } from "./event-status";
import { LayoutBuilder } from "./layout-builder";
import { OnSaleFormView } from "./on-sale-form";
import { EventOrdersPanel } from "./event-orders-panel";
import { SalesPanel } from "./sales-panel";
import { WaitingRoomPanel } from "./waiting-room-panel";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One event for its organizer: details, publish / cancel, the waiting room live, on-sale settings,
 * seat layout and sales.
 */
export function OrganizerEvent({ eventId }: { eventId: string }) {
  const valid = UUID.test(eventId);
  const event = trpc.organizer.event.useQuery({ eventId }, { enabled: valid });

  if (!valid)
    return <ErrorNotice title="No such event" message="This address does not name an event." />;
  if (event.isPending) return <LoadingState label="Loading the event…" />;
  if (event.isError)
    return (
      <ErrorNotice
        title={event.error.data?.code === "NOT_FOUND" ? "No such event" : undefined}
        message={
          event.error.data?.code === "NOT_FOUND"
            ? "There is no event at this address."
            : event.error.message
        }
        onRetry={event.error.data?.code === "NOT_FOUND" ? undefined : () => void event.refetch()}
      >
        <p>
          <Link href="/organizer">Back to the events</Link>
        </p>
      </ErrorNotice>
    );

  const data = event.data;
  return (
    <article className="stack" aria-labelledby="event-title">
      <div className="page-heading">
        <h1 id="event-title">{data.name}</h1>
        <EventStatus status={data.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>Starts</dt>
          <dd>{formatEventTime(data.startsAt, data.timeZone)}</dd>
        </div>
        <div>
          <dt>Venue</dt>
          <dd>
            {data.venue.name}, {data.venue.city}
          </dd>
        </div>
        <div>
          <dt>Hold time</dt>
          <dd>{Math.round(data.holdTtlSeconds / 60)} min</dd>
        </div>
        <div>
          <dt>Hold extension</dt>
          <dd>
            {data.holdExtensionMinutes > 0
              ? `${data.holdExtensionMinutes} min, once per hold`
              : "Not allowed"}
          </dd>
        </div>
        <div>
          <dt>Sales open</dt>
          <dd>
            {data.salesOpenAt
              ? formatEventTime(data.salesOpenAt, data.timeZone)
              : "When the event is published"}
          </dd>
        </div>
        <div>
          <dt>Sales close</dt>
          <dd>
            {data.salesCloseAt
              ? formatEventTime(data.salesCloseAt, data.timeZone)
              : "When the event starts"}
          </dd>
        </div>
        <div>
          <dt>Waiting room</dt>
          <dd data-testid="waiting-room-setting">
            {data.waitingRoom
              ? `${data.waitingRoom.admitPerMinute.toLocaleString("en-GB")} visitors per minute, ${Math.round(data.waitingRoom.windowSeconds / 60)} min to shop`
              : "Off"}
          </dd>
        </div>
        <div>
          <dt>Seats</dt>
          <dd>
            {data.seating
              ? `${data.seating.seatCount.toLocaleString("en-GB")} · ${formatPriceRange(data.seating.minPriceCents, data.seating.maxPriceCents, data.seating.currency)}`
              : "No seat layout yet"}
          </dd>
        </div>
      </dl>
      {data.description ? <p className="lede">{data.description}</p> : null}

      <EventActions event={data} />

      {data.status === "published" && data.waitingRoom ? (
        <WaitingRoomPanel eventId={data.id} timeZone={data.timeZone} />
      ) : null}
      {data.status === "cancelled" ? null : <OnSaleFormView event={data} />}

      {data.status === "draft" ? null : <EventOrdersPanel eventId={data.id} />}

      {data.seating ? (
        <SalesPanel eventId={data.id} />
      ) : data.status === "draft" ? (
        <LayoutBuilder eventId={data.id} />
      ) : null}
    </article>
  );
}
