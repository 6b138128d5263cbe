import { pino, type DestinationStream, type LevelWithSilent, type Logger } from "pino";

export type { Logger };

// Keys that carry credentials wherever they appear in a logged object: request headers, tRPC
// inputs, errors wrapping either.
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "newPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "clientSecret",
  "apiKey",
];

const accessor = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

// Matched at the top level and up to two objects deep (`req.headers.cookie`, `input.user.password`):
// deeper wildcards make every log call slower for little gain.
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const path = accessor(key);
  return [path.replace(/^\./, ""), `*${path}`, `*.*${path}`];
});

export type LoggerOptions = {
  name: string;
  level: LevelWithSilent;
  /** Where JSON lines go; stdout unless a test wants to read them. */
  destination?: DestinationStream;
};

export const createLogger = ({ name, level, destination }: LoggerOptions): Logger =>
  pino(
    {
      name,
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous stdout: lines logged just before `process.exit` (shutdown, fatal start-up errors)
    // are written, not left in an async buffer.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
