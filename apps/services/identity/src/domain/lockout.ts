/**
 * How long sign-in stays locked after the `failures`-th failure in the current window: nothing
 * below the limit, then the base duration, doubling with each further failure, up to `max`.
 */
export const lockoutSeconds = (
  failures: number,
  { limit, baseSeconds, maxSeconds }: { limit: number; baseSeconds: number; maxSeconds: number },
): number => {
  if (failures < limit) return 0;
  const doublings = Math.min(failures - limit, 30);
  return Math.min(baseSeconds * 2 ** doublings, maxSeconds);
};
