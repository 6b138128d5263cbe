import QRCode from "qrcode";

// Medium error correction survives a scuffed print or a cracked phone screen.
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** The QR of a ticket code as inline SVG, for web pages. */
export const qrSvg = (code: string): Promise<string> =>
  QRCode.toString(code, { ...OPTIONS, type: "svg" });

/** The QR of a ticket code as a PNG, for email images. */
export const qrPng = (code: string, widthPx = 240): Promise<Buffer> =>
  QRCode.toBuffer(code, { ...OPTIONS, type: "png", width: widthPx });

/**
 * The QR's dark modules as horizontal runs (row, first column, length), without quiet zone: for
 * drawing it as vectors, which is sharper and much cheaper in a PDF than encoding a PNG.
 */
export const qrRuns = (code: string): { size: number; runs: [number, number, number][] } => {
  const { size, data } = QRCode.create(code, {
    errorCorrectionLevel: OPTIONS.errorCorrectionLevel,
  }).modules;
  const runs: [number, number, number][] = [];
  for (let row = 0; row < size; row += 1) {
    let start = -1;
    for (let col = 0; col <= size; col += 1) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
};
