/** The local development database; tests use their own (`marquee_test`). */
export const defaultDatabaseUrl = "postgresql://postgres@127.0.0.1:5432/marquee";

/** `DATABASE_URL` when set, else the local default. The one place this package reads it. */
export function databaseUrlFromEnv(): string {
  const url = process.env.DATABASE_URL;
  return url && url.length > 0 ? url : defaultDatabaseUrl;
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable database url>";
  }
}
