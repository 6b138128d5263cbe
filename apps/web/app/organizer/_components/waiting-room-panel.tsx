"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { formatEventTime } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";

// The queue moves by the second during an on-sale; two seconds behind is live enough.
const REFRESH_MS = 2_000;

const number = (value: number) => value.toLocaleString("en-GB");

/**
 * The waiting room as inventory counts it, live: when it starts letting visitors in (the opening
 * as inventory has taken it up, so a changed opening shows here once it applies), visitors still
 * queued, admitted so far and in the last minute against the set rate, and whether admissions are
 * paused; Pause stops letting visitors in (those admitted keep their window), Resume carries on
 * from the same place.
 */
export function WaitingRoomPanel({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  const utils = trpc.useUtils();
  const stats = trpc.organizer.waitingRoomStats.useQuery(
    { eventId },
    { refetchInterval: REFRESH_MS },
  );
  const onChanged = (data: NonNullable<typeof stats.data>) =>
    utils.organizer.waitingRoomStats.setData({ eventId }, data);
  const pause = trpc.organizer.pauseWaitingRoom.useMutation({ onSuccess: onChanged });
  const resume = trpc.organizer.resumeWaitingRoom.useMutation({ onSuccess: onChanged });
  const error = pause.error ?? resume.error;

  return (
    <section aria-labelledby="waiting-room-title" className="panel stack">
      <div className="section-head">
        <h2 id="waiting-room-title">Waiting room</h2>
        {stats.data ? (
          <span
            className="status-badge"
            data-state={stats.data.paused ? "paused" : "running"}
            data-testid="waiting-room-state"
          >
            {stats.data.paused ? "Paused" : "Admitting"}
          </span>
        ) : null}
      </div>
      {stats.isPending ? (
        <LoadingState label="Loading the waiting room…" />
      ) : stats.isError && !stats.data ? (
        stats.error.data?.code === "PRECONDITION_FAILED" ? (
          // Inventory learns of the room from catalog's event-published or event-updated.
          <p className="stat-note" role="status">
            Inventory is taking up the waiting room settings; this updates by itself.
          </p>
        ) : (
          <ErrorNotice message={stats.error.message} onRetry={() => void stats.refetch()} />
        )
      ) : !stats.data ? null : (
        <>
          <dl className="stats" aria-label="Waiting room">
            <div className="stat">
              <dt>Admissions from</dt>
              <dd
                className="stat-moment"
                data-testid="waiting-room-opens"
                data-opens-at={stats.data.opensAt ?? ""}
              >
                {stats.data.opensAt
                  ? formatEventTime(stats.data.opensAt, timeZone)
                  : "Since publishing"}
              </dd>
            </div>
            <div className="stat">
              <dt>In the queue</dt>
              <dd data-testid="waiting-room-queued">{number(stats.data.queued)}</dd>
            </div>
            <div className="stat">
              <dt>Admitted</dt>
              <dd data-testid="waiting-room-admitted">{number(stats.data.admitted)}</dd>
            </div>
            <div className="stat">
              <dt>Admitted in the last minute</dt>
              <dd data-testid="waiting-room-last-minute">
                {number(stats.data.admittedLastMinute)}
              </dd>
              <dd className="stat-note">of {number(stats.data.admitPerMinute)} per minute</dd>
            </div>
            <div className="stat">
              <dt>Shopping window</dt>
              <dd>{Math.round(stats.data.windowSeconds / 60)} min</dd>
            </div>
          </dl>
          <div className="actions-panel">
            <div role="alert" className="form-error">
              {error?.message}
            </div>
            {stats.data.paused ? (
              <button
                type="button"
                className="button"
                disabled={resume.isPending}
                onClick={() => resume.mutate({ eventId })}
              >
                {resume.isPending ? "Resuming…" : "Resume admissions"}
              </button>
            ) : (
              <button
                type="button"
                className="button button-secondary"
                disabled={pause.isPending}
                onClick={() => pause.mutate({ eventId })}
              >
                {pause.isPending ? "Pausing…" : "Pause admissions"}
              </button>
            )}
            <p className="stat-note">
              {stats.data.paused
                ? "Nobody new is let in; visitors keep their places and see that the queue is paused."
                : "Visitors are let in at the set rate, in queue order."}
            </p>
          </div>
        </>
      )}
    </section>
  );
}
