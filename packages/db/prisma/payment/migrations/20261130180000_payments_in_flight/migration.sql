-- A payment is written as `processing` before the card gateway is called and settled afterwards
-- in a second short transaction, so no connection or order lock is held while the gateway answers.
-- The value goes first in the type so it sorts before the final states.

-- AlterEnum
ALTER TYPE "payment_status" ADD VALUE 'processing' BEFORE 'succeeded';

-- When the gateway's answer was recorded; null while processing. Earlier payments were written
-- with their answer, so they were settled when they were created.
-- AlterTable
ALTER TABLE "payment" ADD COLUMN "settled_at" TIMESTAMPTZ(3);
UPDATE "payment" SET "settled_at" = "created_at";
