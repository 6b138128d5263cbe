import type { AppRouter as FulfillmentRouter } from "@marquee/fulfillment/router";
import type { inferRouterOutputs } from "@trpc/server";

// What the check-in desk reads from fulfillment, typed from its router so that a change in its
// answers fails the web's build.

/** Fulfillment → web: a check-in list with its live counts. */
export type CheckInListView = inferRouterOutputs<FulfillmentRouter>["checkInLists"][number];

/** Fulfillment → web: the ticket a scan admitted, or whose check-in was undone. */
export type DoorTicket = inferRouterOutputs<FulfillmentRouter>["checkIn"]["ticket"];

/** Fulfillment → web: a check-in list's admissible tickets, signed, for checking scans offline. */
export type SignedDoorList = inferRouterOutputs<FulfillmentRouter>["doorList"];

/** Fulfillment → web: the public key offline lists are signed with (a P-256 JWK). */
export type DoorListPublicKey = inferRouterOutputs<FulfillmentRouter>["doorListKey"];

/** Fulfillment → web: what became of each scan a desk synced. */
export type SyncedScan = inferRouterOutputs<FulfillmentRouter>["syncCheckIns"]["scans"][number];

/** Fulfillment → web: a ticket admitted twice. */
export type DuplicateAdmission =
  inferRouterOutputs<FulfillmentRouter>["duplicateAdmissions"][number];
