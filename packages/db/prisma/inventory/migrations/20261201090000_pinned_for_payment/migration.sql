-- Pinned for payment: payment pins an order's holds before it charges the card (inventory's
-- `pinForPayment`). Until `pinned_until` the sweeper does not expire the hold and neither the
-- customer nor a cancelled order releases it; payment-succeeded sells it, payment-failed of the
-- same payment unpins it (found through `pinned_payment_id`, hence the index).
ALTER TABLE "reservation" ADD COLUMN "pinned_payment_id" UUID,
ADD COLUMN "pinned_until" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "reservation_pinned_payment_id_idx" ON "reservation"("pinned_payment_id");
