"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formatEventTime } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import { forgetDraft, readDrafts } from "./recent-drafts";

/** Drafts created from this browser that are not yet published or cancelled. */
export function DraftEvents() {
  // Read after hydration: the server has no localStorage.
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => setIds(readDrafts()), []);
  const events = trpc.useQueries((t) => ids.map((eventId) => t.organizer.event({ eventId })));

  useEffect(() => {
    events.forEach((event, i) => {
      const id = ids[i];
      const gone = event.isError && event.error.data?.code === "NOT_FOUND";
      if (id && (gone || (event.data && event.data.status !== "draft"))) forgetDraft(id);
    });
  }, [events, ids]);

  const drafts = events.flatMap((event) =>
    event.data && event.data.status === "draft" ? [event.data] : [],
  );
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="drafts-title" className="panel stack">
      <h2 id="drafts-title">Drafts</h2>
      <ul className="draft-list">
        {drafts.map((draft) => (
          <li key={draft.id}>
            <Link href={`/organizer/events/${draft.id}`}>{draft.name}</Link> ·{" "}
            {formatEventTime(draft.startsAt, draft.timeZone)} · {draft.venue.name} ·{" "}
            {draft.seating ? "layout ready, not published" : "needs a seat layout"}
          </li>
        ))}
      </ul>
    </section>
  );
}
