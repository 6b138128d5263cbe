import { deflateSync } from "node:zlib";
import QRCode from "qrcode";

// Medium error correction survives a scuffed print or a cracked phone screen.
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** The QR of a ticket code as inline SVG, for web pages. */
export const qrSvg = (code: string): Promise<string> =>
  QRCode.toString(code, { ...OPTIONS, type: "svg" });

type Modules = { size: number; data: Uint8Array };

// A tickets email draws each code twice (the PNG in the body, the vectors in the PDF), and
// choosing a QR's mask is most of the cost of making one; the last few hundred are kept.
const RECENT_CODES = 512;
const recent = new Map<string, Modules>();

/** The QR's modules, dark = 1, row by row, without quiet zone. */
const qrModules = (code: string): Modules => {
  const known = recent.get(code);
  if (known) return known;
  const { size, data } = QRCode.create(code, {
    errorCorrectionLevel: OPTIONS.errorCorrectionLevel,
  }).modules;
  const modules = { size, data };
  if (recent.size >= RECENT_CODES) recent.delete(recent.keys().next().value as string);
  recent.set(code, modules);
  return modules;
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const pngChunk = (type: string, data: Buffer): Buffer => {
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 8 + data.length);
  return out;
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The QR of a ticket code as a PNG, for email images: black and white at one bit per pixel, each
 * module a whole number of pixels (the largest that fits `widthPx`, quiet zone included), so it
 * stays sharp when scaled. Encoded here rather than by `qrcode`'s renderer, which builds an RGBA
 * image and took about 6.5 ms of CPU per code — the largest part of rendering a tickets email;
 * this takes under 1 ms, most of it computing the code itself.
 */
export const qrPng = (code: string, widthPx = 240): Promise<Buffer> => {
  const { size, data } = qrModules(code);
  const modules = size + 2 * OPTIONS.margin;
  const scale = Math.max(1, Math.floor(widthPx / modules));
  const width = modules * scale;
  const rowBytes = Math.ceil(width / 8);
  // Each scanline: filter type 0, then the pixels, MSB first; 1 = white (grayscale, bit depth 1).
  const scanline = Buffer.alloc(1 + rowBytes);
  const raw = Buffer.alloc((1 + rowBytes) * width);
  for (let y = 0; y < modules; y += 1) {
    scanline.fill(0);
    for (let x = 0; x < width; x += 1) {
      const row = y - OPTIONS.margin;
      const col = Math.floor(x / scale) - OPTIONS.margin;
      const dark = row >= 0 && row < size && col >= 0 && col < size && data[row * size + col] === 1;
      if (!dark) scanline[1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    for (let repeat = 0; repeat < scale; repeat += 1) {
      scanline.copy(raw, (y * scale + repeat) * (1 + rowBytes));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  // compression, filter and interlace methods: 0
  return Promise.resolve(
    Buffer.concat([
      PNG_SIGNATURE,
      pngChunk("IHDR", header),
      pngChunk("IDAT", deflateSync(raw)),
      pngChunk("IEND", Buffer.alloc(0)),
    ]),
  );
};

/**
 * The QR's dark modules as horizontal runs (row, first column, length), without quiet zone: for
 * drawing it as vectors, which is sharper and much cheaper in a PDF than encoding a PNG.
 */
export const qrRuns = (code: string): { size: number; runs: [number, number, number][] } => {
  const { size, data } = qrModules(code);
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
