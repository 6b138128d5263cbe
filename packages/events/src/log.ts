/** The slice of a pino logger this package logs through, so it does not depend on pino. */
export type LogFn = (obj: object, msg?: string) => void;
export type EventLog = { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn };
