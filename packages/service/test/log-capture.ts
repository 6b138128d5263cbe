import { createLogger } from "../src/logger";

export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

/** A real pino logger whose JSON lines are kept in memory for assertions. */
export const createCapturedLogger = (name = "test-service") => {
  const lines: LogLine[] = [];
  const logger = createLogger({
    name,
    level: "debug",
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines };
};
