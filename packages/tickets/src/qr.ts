import QRCode from "qrcode";

// Medium error correction survives a scuffed print or a cracked phone screen.
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** The QR of a ticket code as inline SVG, for web pages. */
export const qrSvg = (code: string): Promise<string> =>
  QRCode.toString(code, { ...OPTIONS, type: "svg" });

/** The QR of a ticket code as a PNG, for PDFs and email images. */
export const qrPng = (code: string, widthPx = 360): Promise<Buffer> =>
  QRCode.toBuffer(code, { ...OPTIONS, type: "png", width: widthPx });
