import { randomUUID } from "node:crypto";
import { insertVenue, type VenueRow } from "../adapters/db/catalog-store";
import type { CatalogDeps } from "./deps";

export const createVenue = async (
  deps: CatalogDeps,
  input: Omit<VenueRow, "id"> & { id?: string },
): Promise<VenueRow> => {
  const venue = { ...input, id: input.id ?? randomUUID() };
  await insertVenue(deps.db, venue);
  return venue;
};
