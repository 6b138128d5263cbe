-- How many minutes a customer may add to a hold, once (0: holds cannot be extended). Existing
-- events get the default: no extension.
ALTER TABLE "event" ADD COLUMN "hold_extension_minutes" INTEGER NOT NULL DEFAULT 0;
