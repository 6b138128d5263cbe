/** Where door staff work, and land after signing in. */
export const DOOR_DESK_PATH = "/organizer/check-in";

/** Shown (under the refused address) when door staff open a page that is not theirs. */
export const DOOR_STAFF_ONLY_PATH = "/door-staff-only";

const within = (pathname: string, prefix: string) =>
  pathname === prefix || pathname.startsWith(`${prefix}/`);

/**
 * Pages door staff are refused: the organizer area except the check-in desk, and the customer's
 * account pages. The storefront stays as open to them as to anyone signed out; what they could do
 * there (hold, pay) every service refuses them anyway.
 */
export const isOffLimitsToDoorStaff = (pathname: string): boolean =>
  (within(pathname, "/organizer") && !within(pathname, DOOR_DESK_PATH)) ||
  within(pathname, "/account") ||
  within(pathname, "/checkout") ||
  within(pathname, "/orders");
