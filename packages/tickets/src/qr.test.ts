import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { qrPng } from "./qr";
import { signTicketCode } from "./ticket-code";

// The decoder the check-in desk runs where the browser has none of its own (zxing-cpp as
// WebAssembly, through `barcode-detector`), loaded from the package rather than a CDN.
prepareZXingModule({
  overrides: {
    wasmBinary: new Uint8Array(
      readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm")),
    ).buffer,
  },
});

/** Reads the QR in a PNG as the door's camera scanner would. */
const scan = async (png: Buffer): Promise<string | undefined> => {
  const [found] = await readBarcodes(new Uint8Array(png), { formats: ["QRCode"] });
  return found?.text;
};

const code = "MQ1.eyJ0IjoiN2Y0YjQzZTAtOGQ5ZS00YjQ1LTk2YjAtMzQ0NDQ1ZTRmMjFhIn0.c2lnbmF0dXJl";

describe("qrPng", () => {
  it("draws a QR that a reader decodes back to the ticket code", async () => {
    expect(await scan(await qrPng(code))).toBe(code);
    expect(await scan(await qrPng("MQ1.short", 120))).toBe("MQ1.short");
  });

  it("gives a QR the door's decoder reads for every ticket code, small or large", async () => {
    // ZXing's JavaScript port, the desk's decoder before, found no code in about one of these in
    // eleven; each of the 100 codes is drawn at 2 to 10 pixels a module.
    const key = "k".repeat(32);
    const unread: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const ticket = signTicketCode(key, { ticketId: randomUUID(), eventId: randomUUID() });
      for (const widthPx of [90, 180, 270, 450]) {
        if ((await scan(await qrPng(ticket, widthPx))) !== ticket)
          unread.push(`${ticket} at ${widthPx} px`);
      }
    }
    expect(unread).toEqual([]);
  });

  it("is square, whole pixels per module with a two-module quiet zone, at most the width asked", async () => {
    const size = QRCode.create(code, { errorCorrectionLevel: "M" }).modules.size;
    const image = PNG.sync.read(await qrPng(code, 240));
    const modules = size + 4;
    expect(image.width).toBe(image.height);
    expect(image.width % modules).toBe(0);
    expect(image.width).toBeLessThanOrEqual(240);
    expect(image.width).toBeGreaterThan(240 - modules);
    const scale = image.width / modules;
    const pixel = (x: number, y: number) => image.data[(y * image.width + x) * 4]!;
    // Quiet zone white, the finder pattern's corner black.
    expect(pixel(scale, scale)).toBe(255);
    expect(pixel(2 * scale, 2 * scale)).toBe(0);
  });
});
