import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrPng } from "./qr";

/** Decodes a PNG with pngjs and reads the QR in it with ZXing, as a phone at the door would. */
const scan = (png: Buffer): string => {
  const image = PNG.sync.read(png);
  const luminance = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < luminance.length; i += 1) luminance[i] = image.data[i * 4]!;
  const source = new RGBLuminanceSource(luminance, image.width, image.height);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
};

const code = "MQ1.eyJ0IjoiN2Y0YjQzZTAtOGQ5ZS00YjQ1LTk2YjAtMzQ0NDQ1ZTRmMjFhIn0.c2lnbmF0dXJl";

describe("qrPng", () => {
  it("draws a QR that a reader decodes back to the ticket code", async () => {
    expect(scan(await qrPng(code))).toBe(code);
    expect(scan(await qrPng("MQ1.short", 120))).toBe("MQ1.short");
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
