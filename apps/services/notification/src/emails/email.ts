/** A rendered email, transport-agnostic: the SMTP adapter adds sender, recipient and Message-ID. */
export type EmailAttachment = {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Set for images shown inline in the HTML (`<img src="cid:...">`). */
  cid?: string;
};

export type RenderedEmail = {
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
};

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Everything that came from outside (event names, seats, reasons) goes through this. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** The frame every Marquee email shares; `body` is already-escaped HTML. */
export const htmlLayout = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Helvetica,Arial,sans-serif;color:#111">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:bold;color:#6b21a8;letter-spacing:1px">MARQUEE</p>
${body}
<p style="margin:24px 0 0;font-size:12px;color:#666">Marquee, tickets for live events.</p>
</div>
</body>
</html>`;
