import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SmtpSink = {
  port: number;
  /** Envelope recipients of every message accepted so far, one entry per message. */
  recipients: string[][];
  /** How many messages were accepted for `address`. */
  countTo(address: string): number;
  close(): Promise<void>;
};

/** A real SMTP server on 127.0.0.1 that accepts every message and remembers whom it was for. */
export const startSmtpSink = async (): Promise<SmtpSink> => {
  const recipients: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        recipients.push(session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    recipients,
    countTo: (address) => recipients.filter((list) => list.includes(address.toLowerCase())).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
