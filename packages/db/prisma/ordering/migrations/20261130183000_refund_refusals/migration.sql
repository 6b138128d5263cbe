-- Payment may refuse a requested refund (payment.refund-refused: no payment, or more than is left);
-- the request is then answered as `refused`, with payment's reason, instead of waiting for ever.

-- AlterTable
ALTER TABLE "refund_request" ADD COLUMN "refusal" TEXT;
