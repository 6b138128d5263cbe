-- Catalog's hold extension per event (0: none), and when a hold was extended (once at most).
ALTER TABLE "event_settings" ADD COLUMN "hold_extension_minutes" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "reservation" ADD COLUMN "extended_at" TIMESTAMPTZ(3);
