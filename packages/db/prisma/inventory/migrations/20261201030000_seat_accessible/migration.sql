-- Wheelchair spaces: catalog's `accessible` flag of each seat (catalog.seats-generated), so best
-- available can keep them for the buyers who ask for one. Seats stocked before this keep false.
ALTER TABLE "seat" ADD COLUMN "accessible" BOOLEAN NOT NULL DEFAULT false;
