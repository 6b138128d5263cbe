-- Ordering drives refunds: what an order has had back, each refund it asked payment for, and
-- which events catalog cancelled (so a payment that lands after the cancellation is refunded too).

-- AlterTable
ALTER TABLE "customer_order" ADD COLUMN "refunded_cents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "event_state" (
    "event_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_state_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "refund_request" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "amount_cents" INTEGER,
    "seat_ids" UUID[],
    "seats_to" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "refund_id" UUID,
    "refunded_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refunded_at" TIMESTAMPTZ(3),

    CONSTRAINT "refund_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "refund_request_order_id_idx" ON "refund_request"("order_id");

-- CreateIndex
CREATE INDEX "refund_request_event_id_kind_idx" ON "refund_request"("event_id", "kind");

-- Not expressible in schema.prisma: money is never negative.
ALTER TABLE "customer_order" ADD CONSTRAINT "customer_order_refunded_cents_check" CHECK ("refunded_cents" >= 0);
ALTER TABLE "refund_request" ADD CONSTRAINT "refund_request_amount_cents_check" CHECK ("amount_cents" IS NULL OR "amount_cents" > 0);
