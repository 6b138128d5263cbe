// Type declarations for zipkin.mjs (plain ES module, node: built-ins only).

export declare const ZIPKIN_DIR: string;
export declare const HOST: "127.0.0.1";

export interface StartZipkinOptions {
  /** Where Zipkin listens on 127.0.0.1 (its UI and HTTP API: /zipkin, /api/v2/...). */
  port: number;
  /** Instance directory (log, pid file). */
  dataDir: string;
  log?: (msg: string) => void;
}

export declare function zipkinVersion(): string;
export declare function ensureZipkinJar(options?: {
  log?: (msg: string) => void;
}): Promise<{ jar: string; version: string; fetched: boolean }>;
export declare function isZipkinUp(port: number): Promise<boolean>;
export declare function startZipkin(
  options: StartZipkinOptions,
): Promise<{ pid: number | null; alreadyRunning: boolean }>;
export declare function stopZipkin(options: {
  dataDir: string;
}): Promise<{ stopped: boolean; pid?: number; killed?: boolean }>;
