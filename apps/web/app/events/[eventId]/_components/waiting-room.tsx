"use client";

import { useEffect, useRef, useState } from "react";
import { spokenWait, withInstantsIn } from "../../../../lib/on-sale";
import { solveProofOfWork } from "../../../../lib/proof-of-work";
import { trpc } from "../../../../lib/trpc";
import { useHydrated } from "../../../../components/use-hydrated";
import { GuestGate } from "./guest-gate";
import { TimeLeft } from "./time-left";

/** Inventory's answer for this visitor (interface C), as the web passes it on. */
export type WaitingRoomState =
  "not-required" | "not-joined" | "pre-queue" | "queued" | "admitted" | "expired" | "closed";

/**
 * What the rest of the page needs from the waiting room: the state, the admission token, and when
 * inventory opens the sale (null once open), which is fresher than the page's copy of the event.
 */
export type Admission = {
  state: WaitingRoomState | null;
  token: string | null;
  opensAt: string | null;
};

// While waiting, the place moves by the second; once admitted, only the window's end matters.
const POLL_MS: Partial<Record<WaitingRoomState, number>> = {
  "pre-queue": 2_000,
  queued: 2_000,
  admitted: 15_000,
};

/** The place in line in words, for the live region: coarse, so it is not read out every poll. */
const summary = (
  status: {
    state: WaitingRoomState;
    paused: boolean;
    estimatedWaitSeconds: number | null;
  } | null,
): string => {
  if (!status) return "";
  switch (status.state) {
    case "pre-queue":
      return "You are in the waiting room. Places are drawn when sales open.";
    case "queued":
      return status.paused
        ? "Admissions are paused for a moment. You keep your place in line."
        : `You are in the queue. Estimated wait: ${
            status.estimatedWaitSeconds === null
              ? "unknown"
              : spokenWait(status.estimatedWaitSeconds)
          }.`;
    case "admitted":
      return "It is your turn: choose your seats on the map.";
    case "expired":
      return "Your shopping window has ended.";
    case "closed":
      return "Sales for this event have closed.";
    case "not-joined":
    case "not-required":
      return "";
  }
};

/**
 * The visitor's side of the waiting room: join it (signed in, or as a guest with an email, then a
 * proof of work solved in the browser), then the pre-queue, the place in line with an estimate and
 * a paused notice, live (polled every 2 s; a reload finds the same place, since inventory keeps
 * it), the shopping window once admitted, and the way back into the queue when it has ended.
 */
export function WaitingRoom({
  eventId,
  timeZone,
  offset,
  signedIn,
  onSignedIn,
  onAdmission,
}: {
  eventId: string;
  /** The event's zone, for times in inventory's messages ("opens at …"). */
  timeZone: string;
  offset: number;
  signedIn: boolean;
  onSignedIn: () => void;
  onAdmission: (admission: Admission) => void;
}) {
  const utils = trpc.useUtils();
  const status = trpc.waitingRoom.status.useQuery(
    { eventId },
    {
      enabled: signedIn,
      staleTime: 0,
      refetchInterval: (query) => {
        const state = query.state.data?.state;
        return (state && POLL_MS[state]) ?? false;
      },
    },
  );
  const join = trpc.waitingRoom.join.useMutation();
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState<"proof" | "join" | null>(null);
  // Rendered on the server too: a tap before hydration would do nothing, so it waits till then.
  const hydrated = useHydrated();
  // Share of the browser check done (0–1) while it runs.
  const [checked, setChecked] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const data = status.data ?? null;
  const state = data?.state ?? null;
  const token = data?.state === "admitted" ? (data.admission?.token ?? null) : null;
  const opensAt = data?.opensAt ?? null;
  const onAdmissionRef = useRef(onAdmission);
  useEffect(() => {
    onAdmissionRef.current = onAdmission;
  });
  useEffect(() => onAdmissionRef.current({ state, token, opensAt }), [state, token, opensAt]);

  // Admitted: the seat map is where the visitor goes next.
  const previous = useRef(state);
  useEffect(() => {
    if (state === "admitted" && previous.current !== "admitted" && previous.current !== null) {
      document.getElementById("seatmap-title")?.scrollIntoView({ block: "start" });
    }
    previous.current = state;
  }, [state]);

  const joinNow = async () => {
    if (working) return;
    setError(null);
    try {
      setWorking("proof");
      setChecked(0);
      const proof = await solveProofOfWork("waiting-room", {
        onProgress: ({ fraction }) => setChecked(fraction),
      });
      setWorking("join");
      const joined = await join.mutateAsync({ eventId, proof });
      // A status read that started before the join must not overwrite its answer.
      await utils.waitingRoom.status.cancel({ eventId });
      utils.waitingRoom.status.setData({ eventId }, joined);
    } catch (failure) {
      setError(
        failure instanceof Error
          ? withInstantsIn(failure.message, timeZone)
          : "Joining did not work. Please try again.",
      );
    } finally {
      setWorking(null);
    }
  };

  const joinButton = (label: string) => (
    <div className="button-row">
      <button
        type="button"
        className="button"
        disabled={working !== null || !hydrated}
        aria-describedby="waiting-room-join-hint"
        onClick={() => (signedIn ? void joinNow() : setAsking(true))}
      >
        {working === "proof" ? "Checking your browser…" : working === "join" ? "Joining…" : label}
      </button>
      {working === "proof" ? (
        <progress max={100} value={Math.round(checked * 100)} aria-label="Browser check progress" />
      ) : null}
    </div>
  );

  const body = () => {
    if (signedIn && status.isPending) return <p className="muted">Finding your place…</p>;
    if (signedIn && status.isError && !data)
      return (
        <p className="form-error" role="alert">
          {status.error.message}
        </p>
      );
    switch (state) {
      case null:
      case "not-joined":
        return (
          <>
            <p>
              This sale has a waiting room: join it and you are let in to choose seats when it is
              your turn.
            </p>
            <p id="waiting-room-join-hint" className="muted">
              Everyone who joins before sales open gets a random place at the opening, so there is
              no need to hurry. Your browser solves a short puzzle first, which keeps bots out.
            </p>
            {asking && !signedIn ? (
              <GuestGate
                callbackUrl={`/events/${eventId}`}
                onCancel={() => setAsking(false)}
                onSignedIn={() => {
                  setAsking(false);
                  onSignedIn();
                  void joinNow();
                }}
              />
            ) : (
              joinButton("Join the waiting room")
            )}
          </>
        );
      case "pre-queue":
        return (
          <>
            <p className="waiting-room-headline">You are in the waiting room.</p>
            <p>Places are drawn at the opening, arriving earlier gives no advantage.</p>
            <p className="muted" data-testid="waiting-room-count">
              {data?.queueLength.toLocaleString("en-GB")} waiting so far. Keep this page open; it
              moves on by itself.
            </p>
          </>
        );
      case "queued":
        return (
          <>
            <p className="waiting-room-headline">
              Your place in line:{" "}
              <strong data-testid="waiting-room-position">
                {data?.position?.toLocaleString("en-GB") ?? "…"}
              </strong>{" "}
              <span className="muted">of {data?.queueLength.toLocaleString("en-GB")}</span>
            </p>
            <p>
              Estimated wait:{" "}
              <strong>
                {data?.paused
                  ? "on hold while admissions are paused"
                  : data?.estimatedWaitSeconds === null || data?.estimatedWaitSeconds === undefined
                    ? "working it out"
                    : spokenWait(data.estimatedWaitSeconds)}
              </strong>
              . Keep this page open; it moves on by itself.
            </p>
            {data?.paused ? (
              <p className="waiting-room-paused" data-testid="waiting-room-paused">
                Admissions are paused by the organizer for a moment. You keep your place.
              </p>
            ) : null}
          </>
        );
      case "admitted":
        return (
          <>
            <p className="waiting-room-headline" data-testid="waiting-room-admitted">
              It is your turn: choose your seats on the map.
            </p>
            {data?.admission ? (
              <TimeLeft
                until={data.admission.expiresAt}
                offset={offset}
                label="Time left to choose seats"
                doneText="Your shopping window has ended."
                testId="shopping-countdown"
                onDone={() => void status.refetch()}
              />
            ) : null}
            <p className="muted">Seats you hold stay in your cart for the hold time shown there.</p>
          </>
        );
      case "expired":
        // Inventory admits each visitor once per sale, so there is no second turn to queue for.
        return (
          <>
            <p className="waiting-room-headline">Your shopping window has ended.</p>
            <p>
              Each visitor is let in once per sale. Seats already in your cart stay held until their
              own timer ends, so you can still check out.
            </p>
          </>
        );
      case "closed":
        return <p>Sales for this event have closed.</p>;
      case "not-required":
        return null;
    }
  };

  return (
    <section
      className="waiting-room"
      aria-labelledby="waiting-room-title"
      data-state={state ?? "signed-out"}
      data-testid="waiting-room"
    >
      <h2 id="waiting-room-title">Waiting room</h2>
      <p className="visually-hidden" role="status">
        {summary(data)}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {body()}
    </section>
  );
}
