-- Catalog cancels events; inventory refuses new holds for them from then on.
ALTER TABLE "event_settings" ADD COLUMN "cancelled_at" TIMESTAMPTZ(3);
