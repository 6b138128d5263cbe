import type { CatalogDb } from "../adapters/db/client";

/** What the use cases share, wired by hand in the composition root. */
export type CatalogDeps = {
  db: CatalogDb;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  now?: () => Date;
};
