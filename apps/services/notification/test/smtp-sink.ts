import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpSink = {
  port: number;
  /** Every message accepted so far, parsed. */
  messages: ParsedMail[];
  /** Messages addressed to `to`. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 that accepts everything and keeps it, parsed, in memory (with
 * `cid:` links left as sent, so tests can match them to the inline attachments).
 */
export const startSmtpSink = async (port = 0): Promise<SmtpSink> => {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream, { keepCidLinks: true }).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    messages,
    to: (address) =>
      messages.filter((m) => {
        const list = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
        return list.some((a) => a.value.some((v) => v.address === address));
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A port nothing listens on right now (bound, then released). */
export const freePort = async (): Promise<number> => {
  const sink = await startSmtpSink();
  await sink.close();
  return sink.port;
};
