import { inflateSync } from "node:zlib";

/**
 * The text lines a PDF written by pdfkit shows, read back from its content streams (inflated
 * when compressed). pdfkit writes standard-font text as hex strings inside `TJ` arrays; one array
 * is one line. Enough to check what a ticket PDF says; not a general PDF parser.
 */
export const extractPdfText = (pdf: Buffer): string[] => {
  const lines: string[] = [];
  const source = pdf.toString("latin1");
  const streamPattern = /<<(.*?)>>\s*stream\r?\n/gs;
  for (let match = streamPattern.exec(source); match; match = streamPattern.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf("endstream", start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = (/FlateDecode/.test(match[1] ?? "") ? inflateSync(raw) : raw).toString("latin1");
    } catch {
      continue; // an image or a stream we cannot read: no text in it
    }
    for (const array of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const text = [...(array[1] ?? "").matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((hex) => Buffer.from(hex[1] ?? "", "hex").toString("latin1"))
        .join("");
      if (text.trim() !== "") lines.push(text);
    }
  }
  return lines;
};
