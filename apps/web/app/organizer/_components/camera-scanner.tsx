"use client";

import type { BrowserQRCodeReader, Exception, Result } from "@zxing/library";
import { useEffect, useRef, useState } from "react";
import { unlockSound } from "../../../lib/door-feedback";
import { createRepeatFilter } from "../../../lib/scan-repeats";

// Between two decoding attempts on a frame without a code: about seven tries a second keeps a
// phone cool and still feels instant.
const RETRY_MS = 150;

/** What the door staff read when the camera cannot start, by the browser's error name. */
const cameraProblem = (error: unknown): string => {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return "The browser was not allowed to use the camera. Allow it for this site in the browser's settings, or type the codes below.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No camera was found on this device. Type the codes below instead.";
    case "NotReadableError":
    case "AbortError":
      return "The camera is in use by another app. Close it and try again.";
    default:
      return "The camera could not be started. Type the codes below instead.";
  }
};

/**
 * Start / Stop camera and the live picture. Every frame is searched for a QR code (`@zxing/library`,
 * loaded when the camera starts, plain JavaScript, so the site's script policy holds); each new code
 * goes to `onCode` once, however long it stays in front of the camera (see `createRepeatFilter`).
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const reader = useRef<BrowserQRCodeReader | null>(null);
  // Each start gets a number; a camera that opens after Stop was pressed is closed at once.
  const attempt = useRef(0);
  const latestOnCode = useRef(onCode);
  const [state, setState] = useState<"off" | "starting" | "on">("off");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    latestOnCode.current = onCode;
  }, [onCode]);

  useEffect(
    () => () => {
      attempt.current += 1;
      reader.current?.reset();
    },
    [],
  );

  const stop = () => {
    attempt.current += 1;
    reader.current?.reset();
    reader.current = null;
    setState("off");
  };

  const start = async () => {
    unlockSound();
    const mine = ++attempt.current;
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem(
        "This browser offers no camera to web pages here (camera scanning needs a secure https connection). Type the codes below instead.",
      );
      return;
    }
    setState("starting");
    try {
      const { BrowserQRCodeReader, ChecksumException, FormatException, NotFoundException } =
        await import("@zxing/library");
      const qrReader = new BrowserQRCodeReader();
      qrReader.timeBetweenDecodingAttempts = RETRY_MS;
      const isNew = createRepeatFilter();
      reader.current = qrReader;
      const onFrame = (result: Result | null, error?: Exception) => {
        const text = result?.getText();
        if (text && isNew(text, Date.now())) latestOnCode.current(text);
        // "No code in this frame" keeps the library's loop going; any other error ends it for
        // good (a frame read before the picture had a size, say), so this desk starts it again.
        if (
          error &&
          !(error instanceof NotFoundException) &&
          !(error instanceof ChecksumException) &&
          !(error instanceof FormatException)
        ) {
          setTimeout(() => {
            if (mine === attempt.current && reader.current === qrReader && video.current) {
              qrReader.decodeContinuously(video.current, onFrame);
            }
          }, RETRY_MS);
        }
      };
      await qrReader.decodeFromConstraints(
        { audio: false, video: { facingMode: { ideal: "environment" } } },
        video.current ?? "",
        onFrame,
      );
      if (mine !== attempt.current) {
        qrReader.reset();
        return;
      }
      setState("on");
    } catch (error) {
      if (mine !== attempt.current) return;
      reader.current?.reset();
      reader.current = null;
      setProblem(cameraProblem(error));
      setState("off");
    }
  };

  return (
    <div className="camera-scanner stack">
      <div className="actions">
        {/* One button that changes its words, so the focus stays on it when pressed. */}
        <button
          type="button"
          className={state === "off" ? "button" : "button button-secondary"}
          onClick={state === "off" ? () => void start() : stop}
        >
          {state === "off" ? "Start camera" : "Stop camera"}
        </button>
        <p className="stat-note" role="status">
          {state === "starting"
            ? "Starting the camera…"
            : state === "on"
              ? "Camera on: hold a ticket's QR code in front of it."
              : ""}
        </p>
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <video
        ref={video}
        className="camera-view"
        hidden={state === "off"}
        aria-label="Camera picture"
        muted
        playsInline
      />
    </div>
  );
}
