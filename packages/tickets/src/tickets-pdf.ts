import type PDFKitModule from "pdfkit";
import { formatEventTime } from "./event-time";
import { qrRuns } from "./qr";
import { formatShortCode } from "./short-code";
import { seatLabel } from "./seat-label";

/** What a printed ticket shows about its event; null while the event's details are unknown. */
export type PdfEvent = { name: string; venueName: string; startsAt: string; timeZone: string };

export type PdfTicket = {
  ticketId: string;
  section: string;
  row: string;
  number: number;
  code: string;
  /** The code to type at the door when the QR will not scan; absent in emails queued before it. */
  shortCode?: string;
};

export type TicketsPdfInput = { orderId: string; event: PdfEvent | null; tickets: PdfTicket[] };

/** Draws a code's QR as filled rectangles, `size` points wide, quiet zone included. */
const drawQr = (doc: PDFKit.PDFDocument, code: string, x: number, y: number, size: number) => {
  const { size: modules, runs } = qrRuns(code);
  const quiet = 2;
  const unit = size / (modules + 2 * quiet);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (const [row, col, length] of runs) {
    doc.rect(x + (col + quiet) * unit, y + (row + quiet) * unit, length * unit, unit);
  }
  doc.fill("#000000");
};

// pdfkit (its standard fonts' metrics, its font parser and their dependencies) is loaded with the
// first PDF, not with the module: fulfillment and notification import this at start and render
// nothing while idle, and pdfkit is about 16 MiB of a process's memory once loaded.
let pdfkit: Promise<typeof PDFKitModule> | undefined;
const loadPdfKit = (): Promise<typeof PDFKitModule> =>
  (pdfkit ??= import("pdfkit").then(
    (module) => module.default,
    (error: unknown) => {
      pdfkit = undefined;
      throw error;
    },
  ));

/**
 * One PDF per order, one A5 page per ticket: event, venue, local start time, seat, QR (as
 * vectors) and under it the short code a person can type. Only pdfkit's built-in Helvetica is used, so nothing is read from disk or the network.
 */
export const renderTicketsPdf = async (input: TicketsPdfInput): Promise<Buffer> => {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: "A5",
    margin: 36,
    autoFirstPage: false,
    info: { Title: `Marquee tickets, order ${input.orderId}`, Author: "Marquee" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  input.tickets.forEach((ticket, i) => {
    doc.addPage();
    const width = doc.page.width - 72;
    doc.font("Helvetica-Bold").fontSize(11).fillColor("#6b21a8").text("MARQUEE TICKET");
    doc.moveDown(0.5);
    doc
      .font("Helvetica-Bold")
      .fontSize(20)
      .fillColor("#111111")
      .text(input.event?.name ?? "Event details to follow", { width });
    doc.moveDown(0.3);
    doc.font("Helvetica").fontSize(12).fillColor("#333333");
    if (input.event) {
      doc.text(input.event.venueName, { width });
      doc.text(formatEventTime(input.event.startsAt, input.event.timeZone), { width });
    }
    doc.moveDown(0.8);
    doc.font("Helvetica-Bold").fontSize(16).fillColor("#111111").text(seatLabel(ticket), { width });
    doc.moveDown(0.5);
    const size = 220;
    drawQr(doc, ticket.code, 36 + (width - size) / 2, doc.y, size);
    doc.y += size + 8;
    if (ticket.shortCode) {
      doc
        .font("Courier-Bold")
        .fontSize(18)
        .fillColor("#111111")
        .text(formatShortCode(ticket.shortCode), { width, align: "center" });
      doc.moveDown(0.3);
    }
    doc.font("Helvetica").fontSize(8).fillColor("#555555");
    doc.text(`Order ${input.orderId}  ·  ${i + 1} of ${input.tickets.length}`, {
      width,
      align: "center",
    });
    doc.text("Show the QR at the door, or give the code under it. Each ticket is admitted once.", {
      width,
      align: "center",
    });
  });
  doc.end();
  return done;
};
