-- Ordering keeps each event's start, time zone and cancellation policy from catalog's events, so a
-- buyer's cancellation is decided here. Events heard of before: unknown start, no cancellations
-- (catalog's next event-updated fills them in).
ALTER TABLE "event_state" ADD COLUMN "starts_at" TIMESTAMPTZ(3),
ADD COLUMN "time_zone" TEXT,
ADD COLUMN "cancellation_allowed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "cancellation_hours_before" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cancellation_fee_cents" INTEGER,
ADD COLUMN "cancellation_fee_basis_points" INTEGER;
