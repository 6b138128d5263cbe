/**
 * A camera reads the same QR many times a second for as long as it stays in view. The desk checks
 * a code in once and ignores it while it keeps being read; once the code has been out of view for
 * `quietMs` it counts as a new scan again (a guest who steps back and shows it a second time).
 */
export const createRepeatFilter = (quietMs = 3_000) => {
  const lastRead = new Map<string, number>();
  /** True when `code`, read at `now` (ms), is a new scan; false for a re-read of one in view. */
  return (code: string, now: number): boolean => {
    for (const [seen, at] of lastRead) if (now - at >= quietMs) lastRead.delete(seen);
    const repeat = lastRead.has(code);
    lastRead.set(code, now);
    return !repeat;
  };
};
