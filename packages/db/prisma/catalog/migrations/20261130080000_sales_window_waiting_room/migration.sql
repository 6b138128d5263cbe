-- When sales open and close (UTC instants; null = on sale once published / until the event starts)
-- and the waiting room (null = none): visitors admitted per minute and each one's shopping window.
ALTER TABLE "event" ADD COLUMN "sales_open_at" TIMESTAMPTZ(3),
ADD COLUMN "sales_close_at" TIMESTAMPTZ(3),
ADD COLUMN "waiting_room_admit_per_minute" INTEGER,
ADD COLUMN "waiting_room_window_seconds" INTEGER;
