import type { CatalogDb } from "../adapters/db/client";
import type { SeatMapRevisionReader } from "../adapters/redis/seat-map-channel";

/** What the use cases share, wired by hand in the composition root. */
export type CatalogDeps = {
  db: CatalogDb;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  /**
   * The event's live seat-map revision (`seatMapRevisionKey`); absent where nobody watches the
   * map live (the seed), and then every seat map is answered with a null revision.
   */
  seatMapRevision?: SeatMapRevisionReader;
  now?: () => Date;
};
