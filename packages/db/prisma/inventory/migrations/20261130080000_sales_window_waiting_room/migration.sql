-- Catalog's sales window and waiting room, kept so the hold gate can refuse holds without asking catalog.
ALTER TABLE "event_settings" ADD COLUMN "starts_at" TIMESTAMPTZ(3),
ADD COLUMN "sales_open_at" TIMESTAMPTZ(3),
ADD COLUMN "sales_close_at" TIMESTAMPTZ(3),
ADD COLUMN "waiting_room_admit_per_minute" INTEGER,
ADD COLUMN "waiting_room_window_seconds" INTEGER;
