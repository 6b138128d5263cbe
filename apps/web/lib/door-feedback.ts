// What the door staff hear and feel on each scan, for when they are looking at the guest rather
// than the screen: one high beep and a short buzz to admit, two low beeps and a longer buzz to refuse.

type Tone = { hz: number; startS: number; lengthS: number };

const ADMITTED: Tone[] = [{ hz: 1_320, startS: 0, lengthS: 0.14 }];
const REFUSED: Tone[] = [
  { hz: 220, startS: 0, lengthS: 0.2 },
  { hz: 220, startS: 0.28, lengthS: 0.2 },
];

let audio: AudioContext | null = null;

/**
 * Browsers let a page make sound only after the person has interacted with it: call this from a
 * click or key press (Start camera, Check in) so later beeps, triggered by the camera, are heard.
 */
export const unlockSound = (): void => {
  if (typeof AudioContext === "undefined") return;
  audio ??= new AudioContext();
  if (audio.state === "suspended") void audio.resume().catch(() => undefined);
};

const beep = (context: AudioContext, { hz, startS, lengthS }: Tone, wave: OscillatorType) => {
  const start = context.currentTime + startS;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = wave;
  oscillator.frequency.value = hz;
  // A few milliseconds of ramp at each end: a click-free tone.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.4, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + lengthS);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + lengthS + 0.02);
};

/** Beeps and vibrates (where the device can) for a scan's outcome. */
export const signalScan = (admitted: boolean): void => {
  if (typeof navigator !== "undefined" && "vibrate" in navigator) {
    navigator.vibrate(admitted ? 120 : [250, 120, 250]);
  }
  if (!audio || audio.state !== "running") return;
  for (const tone of admitted ? ADMITTED : REFUSED) {
    beep(audio, tone, admitted ? "sine" : "square");
  }
};
