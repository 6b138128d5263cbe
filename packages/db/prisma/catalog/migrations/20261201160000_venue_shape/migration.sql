-- Venue-shaped seat maps: where each section sits (x, y, rotation, radius of curved rows, in
-- venue units) and the stage or pitch the sections face, as JSON the seat map carries as is.
-- Existing layouts keep null: the web lays their sections out on a grid as before.
ALTER TABLE "section" ADD COLUMN "placement" JSONB;
ALTER TABLE "seat_layout" ADD COLUMN "stage" JSONB;
