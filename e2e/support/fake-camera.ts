import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { qrRuns } from "@marquee/tickets/qr";

/**
 * Chromium's fake camera (`--use-file-for-fake-video-capture`) plays a Y4M file in a loop. These
 * helpers write one that shows a ticket's QR, drawn from the same module matrix the tickets use,
 * so a desk can scan it through `getUserMedia` as it would a phone held up to the camera.
 */

const WIDTH = 640;
const HEIGHT = 480;
// Luma of paper and ink (studio range), chroma neutral: a black and white picture.
const LIGHT = 235;
const DARK = 16;
const NEUTRAL = 128;
const QUIET_ZONE_MODULES = 4;
// Chromium loops the file; a second of frames keeps the loop from re-reading it constantly.
const FRAMES = 10;

/** The QR's modules, dark = true, row by row (`qrRuns` gives them as horizontal runs). */
const qrMatrix = (payload: string): boolean[][] => {
  const { size, runs } = qrRuns(payload);
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [row, first, length] of runs) {
    for (let col = first; col < first + length; col += 1) matrix[row]![col] = true;
  }
  return matrix;
};

/** The luma plane: the QR scaled up to whole pixels per module, centred, with a quiet zone. */
const lumaPlane = (matrix: boolean[][] | null): Buffer => {
  const plane = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  if (!matrix) return plane;
  const modules = matrix.length + 2 * QUIET_ZONE_MODULES;
  const scale = Math.floor(Math.min(WIDTH, HEIGHT) / modules);
  const left = Math.floor((WIDTH - matrix.length * scale) / 2);
  const top = Math.floor((HEIGHT - matrix.length * scale) / 2);
  matrix.forEach((cells, row) =>
    cells.forEach((dark, col) => {
      if (!dark) return;
      for (let y = 0; y < scale; y += 1) {
        const start = (top + row * scale + y) * WIDTH + left + col * scale;
        plane.fill(DARK, start, start + scale);
      }
    }),
  );
  return plane;
};

const y4m = (luma: Buffer): Buffer => {
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, NEUTRAL);
  const frame = Buffer.concat([Buffer.from("FRAME\n", "ascii"), luma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`, "ascii"),
    ...Array.from({ length: FRAMES }, () => frame),
  ]);
};

/** Where a spec's fake camera reads from (the path goes into the browser's launch options). */
export const fakeCameraFile = (name: string): string =>
  path.resolve(".data", "test-results", "fake-camera", `${name}.y4m`);

/**
 * Puts a ticket's QR payload in front of the fake camera, or a blank sheet when `payload` is null
 * (written before the browser starts, so the device exists from the first enumeration).
 */
export const showToFakeCamera = (file: string, payload: string | null): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, y4m(lumaPlane(payload === null ? null : qrMatrix(payload))));
};
