/** A logger for tests that keeps what was logged, so tests can assert on it and stay quiet. */
export type CapturedLine = { level: string; obj: object; msg?: string };

export const createTestLog = (echo = process.env.TEST_LOG === "1") => {
  const lines: CapturedLine[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
      if (echo) console.log(level, msg ?? "", obj);
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
};
