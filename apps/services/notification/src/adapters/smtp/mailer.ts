import nodemailer from "nodemailer";
import type { RenderedEmail } from "../../emails/email";

export type OutgoingEmail = RenderedEmail & {
  to: string;
  /** Stable per delivery, so a receiving server or client can spot a repeat. */
  messageId: string;
};

export type Mailer = {
  /** Resolves with the Message-ID once the SMTP server accepted the message. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
};

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  timeoutMs: number;
  from: string;
  /** Open SMTP connections kept for reuse; one per concurrent sender is enough. */
  maxConnections: number;
};

/** The only place nodemailer is used: one pooled SMTP transport for the process. */
export const createSmtpMailer = (s: SmtpSettings): Mailer => {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: s.maxConnections,
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user !== undefined ? { user: s.user, pass: s.password } : undefined,
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: s.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        attachments: email.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
          ...(a.cid ? { cid: a.cid, contentDisposition: "inline" as const } : {}),
        })),
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
};
