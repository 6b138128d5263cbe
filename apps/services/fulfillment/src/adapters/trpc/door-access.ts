import { assertCanWorkDoor, doorProcedure, type AuthUser } from "@marquee/service/auth";

/**
 * Who may work the door, decided here only: every door procedure starts from `doorProcedure` (an
 * admin or door staff; anyone else FORBIDDEN) and, once it knows the event of the call, asks
 * `assertMayWorkDoor`: admins may work every event's door, door staff only the events their token
 * lists (`doorEvents`, from identity's invitations). Making and listing check-in lists is part of
 * working a door, so staff may do it for their events too.
 */
export { doorProcedure };

/** May this user check tickets in (and manage check-in lists) for this event, or FORBIDDEN. */
export const assertMayWorkDoor = (user: AuthUser, eventId: string): void =>
  assertCanWorkDoor(user, eventId);
