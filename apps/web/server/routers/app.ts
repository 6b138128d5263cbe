import { router } from "../trpc";
import { accountRouter } from "./account";
import { cartRouter } from "./cart";
import { checkoutRouter } from "./checkout";
import { doorStaffRouter } from "./door-staff";
import { doorRouter } from "./door";
import { eventsRouter } from "./events";
import { organizerRouter } from "./organizer";
import { proofOfWorkRouter } from "./proof-of-work";
import { staffInvitationRouter } from "./staff-invitation";
import { waitingListRouter } from "./waiting-list";
import { waitingRoomRouter } from "./waiting-room";

/** The web's tRPC API at /api/trpc: one router per area of the site. */
export const appRouter = router({
  events: eventsRouter,
  organizer: organizerRouter,
  doorStaff: doorStaffRouter,
  door: doorRouter,
  account: accountRouter,
  cart: cartRouter,
  checkout: checkoutRouter,
  proofOfWork: proofOfWorkRouter,
  staffInvitation: staffInvitationRouter,
  waitingRoom: waitingRoomRouter,
  waitingList: waitingListRouter,
});

export type AppRouter = typeof appRouter;
