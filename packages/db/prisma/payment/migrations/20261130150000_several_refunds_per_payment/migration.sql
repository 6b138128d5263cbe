-- A payment may be refunded several times (the organizer, the customer within the event's policy,
-- the event's cancellation), each at most once per idempotency key; the sum is guarded under the
-- payment's row lock, never above what was paid. The automatic refund keeps its one key per
-- payment (`confirmation-failed`), so it still happens at most once.

-- DropIndex
DROP INDEX "refund_payment_id_key";

-- AlterTable
ALTER TABLE "refund" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'seats-unavailable',
ADD COLUMN "requested_by" TEXT,
ADD COLUMN "seat_ids" UUID[],
ADD COLUMN "idempotency_key" TEXT;

-- Backfill: every refund so far was the automatic one.
UPDATE "refund" SET "idempotency_key" = 'confirmation-failed', "seat_ids" = ARRAY[]::UUID[];
ALTER TABLE "refund" ALTER COLUMN "idempotency_key" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "refund_payment_id_idempotency_key_key" ON "refund"("payment_id", "idempotency_key");
