-- A payment is refunded at most once (in full): redelivered or repeated triggers for the same
-- payment find the existing refund instead of writing a second one.

-- DropIndex
DROP INDEX "refund_payment_id_idx";

-- CreateIndex
CREATE UNIQUE INDEX "refund_payment_id_key" ON "refund"("payment_id");
