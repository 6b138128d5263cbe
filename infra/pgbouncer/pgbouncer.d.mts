// Type declarations for pgbouncer.mjs (plain ES module, node: built-ins only).

export declare const PGBOUNCER: string;
export declare const HOST: "127.0.0.1";

export interface StartPgBouncerOptions {
  /** Where PgBouncer listens on 127.0.0.1. */
  port: number;
  /** The environment's direct Postgres URL: its server, and its user as PgBouncer's auth_user. */
  databaseUrl: string;
  /** Instance directory (generated config, auth file, log, pid file). */
  dataDir: string;
  log?: (msg: string) => void;
}

export declare function ensurePgBouncer(): Promise<string>;
export declare function startPgBouncer(
  options: StartPgBouncerOptions,
): Promise<{ pid: number; alreadyRunning: boolean }>;
export declare function stopPgBouncer(options: {
  dataDir: string;
}): Promise<{ stopped: boolean; pid?: number; killed?: boolean }>;
export declare function renderConfig(options: {
  port: number;
  serverHost: string;
  serverPort: number;
  authUser: string;
  paths: { users: string };
}): string;
