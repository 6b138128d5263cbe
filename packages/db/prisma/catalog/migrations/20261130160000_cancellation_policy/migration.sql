-- Whether and until when buyers may cancel their own tickets, and the fee (fixed minor units or
-- basis points, at most one). Existing events get the default: no cancellations.
ALTER TABLE "event" ADD COLUMN "cancellation_allowed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "cancellation_hours_before" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cancellation_fee_cents" INTEGER,
ADD COLUMN "cancellation_fee_basis_points" INTEGER;
