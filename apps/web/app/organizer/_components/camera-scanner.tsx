"use client";

import { useEffect, useRef, useState } from "react";
import { unlockSound } from "../../../lib/door-feedback";
import { createRepeatFilter } from "../../../lib/scan-repeats";

// Between two looks at the picture: about seven a second keeps a phone cool and still feels instant.
const RETRY_MS = 150;

type QrDetector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type NativeDetector = {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
};

/** Thrown when the decoder itself could not be loaded, to tell it apart from a camera problem. */
class DecoderUnavailable extends Error {}

/**
 * The QR decoder: the browser's own `BarcodeDetector` where it reads QR codes (Chrome on Android,
 * macOS and ChromeOS), otherwise the same API over zxing-cpp compiled to WebAssembly
 * (`barcode-detector`), whose module the site serves itself (app/qr-decoder.wasm). Both are loaded
 * only when the camera starts. ZXing's JavaScript port, used before, could not find about one
 * ticket QR in eleven even in a perfect picture; zxing-cpp finds them all (see the web README).
 */
const loadQrDetector = async (): Promise<QrDetector> => {
  try {
    const native = (globalThis as { BarcodeDetector?: NativeDetector }).BarcodeDetector;
    if (native && (await native.getSupportedFormats()).includes("qr_code")) {
      return new native({ formats: ["qr_code"] });
    }
    const { BarcodeDetector, prepareZXingModule, ZXING_WASM_VERSION } =
      await import("barcode-detector/ponyfill");
    await prepareZXingModule({
      overrides: {
        locateFile: (file: string, prefix: string) =>
          file.endsWith(".wasm") ? `/qr-decoder.wasm?v=${ZXING_WASM_VERSION}` : prefix + file,
      },
      fireImmediately: true,
    });
    return new BarcodeDetector({ formats: ["qr_code"] });
  } catch (error) {
    throw new DecoderUnavailable(String(error));
  }
};

/** What the door staff read when the camera cannot start, by the browser's error name. */
const cameraProblem = (error: unknown): string => {
  if (error instanceof DecoderUnavailable) {
    return "The QR decoder could not be loaded. Reload the page with a network, or type the codes below.";
  }
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

const stopTracks = (stream: MediaStream | null | undefined) =>
  stream?.getTracks().forEach((track) => track.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Start / Stop camera and the live picture. The picture is searched for a QR code about seven
 * times a second (`loadQrDetector`); each new code goes to `onCode` once, however long it stays in
 * front of the camera (see `createRepeatFilter`).
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  // Each start gets a number: a camera that opens after Stop was pressed is closed at once, and
  // the scanning loop of an earlier start ends.
  const attempt = useRef(0);
  const latestOnCode = useRef(onCode);
  const [state, setState] = useState<"off" | "starting" | "on">("off");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    latestOnCode.current = onCode;
  }, [onCode]);

  /** Ends the current start (its scanning loop too) and closes the camera. */
  const release = () => {
    attempt.current += 1;
    stopTracks(stream.current);
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  };

  useEffect(
    () => () => {
      attempt.current += 1;
      stopTracks(stream.current);
    },
    [],
  );

  const stop = () => {
    release();
    setState("off");
  };

  const scan = async (detector: QrDetector, mine: number) => {
    const isNew = createRepeatFilter();
    while (mine === attempt.current) {
      const picture = video.current;
      if (picture && picture.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
        try {
          for (const { rawValue } of await detector.detect(picture)) {
            if (mine === attempt.current && rawValue && isNew(rawValue, Date.now())) {
              latestOnCode.current(rawValue);
            }
          }
        } catch {
          // A frame that could not be read (the picture changing size, say): the next one will.
        }
      }
      await pause(RETRY_MS);
    }
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
    let opened: MediaStream | undefined;
    try {
      const detecting = loadQrDetector();
      // Awaited below once the camera is open; a camera refused first must not leave it unhandled.
      detecting.catch(() => undefined);
      opened = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: "environment" } },
      });
      const detector = await detecting;
      if (mine !== attempt.current || !video.current) {
        stopTracks(opened);
        return;
      }
      stream.current = opened;
      video.current.srcObject = opened;
      await video.current.play();
      if (mine !== attempt.current) return;
      setState("on");
      void scan(detector, mine);
    } catch (error) {
      if (mine !== attempt.current) {
        stopTracks(opened);
        return;
      }
      release();
      stopTracks(opened);
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
