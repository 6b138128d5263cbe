-- When the customer extended the hold in inventory (reservation-extended); null: not extended.
ALTER TABLE "hold_projection" ADD COLUMN "extended_at" TIMESTAMPTZ(3);
