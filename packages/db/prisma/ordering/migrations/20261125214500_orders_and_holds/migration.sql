-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('draft', 'pending', 'paid', 'confirmed', 'fulfilled', 'payment_failed', 'expired', 'cancelled', 'failed', 'refunded');

-- CreateEnum
CREATE TYPE "hold_status" AS ENUM ('active', 'released', 'expired', 'confirmed', 'confirmation_failed');

-- CreateTable
CREATE TABLE "hold_projection" (
    "reservation_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "hold_status" NOT NULL DEFAULT 'active',
    "seats" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hold_projection_pkey" PRIMARY KEY ("reservation_id")
);

-- CreateTable
CREATE TABLE "customer_order" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "status" "order_status" NOT NULL DEFAULT 'draft',
    "draft_key" TEXT,
    "total_cents" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "last_payment_error_reason" TEXT,
    "last_payment_error_message" TEXT,
    "failed_at" TIMESTAMPTZ(3),
    "placed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_item" (
    "reservation_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "order_item_pkey" PRIMARY KEY ("reservation_id")
);

-- CreateIndex
CREATE INDEX "hold_projection_event_id_idx" ON "hold_projection"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_order_draft_key_key" ON "customer_order"("draft_key");

-- CreateIndex
CREATE INDEX "customer_order_customer_id_created_at_idx" ON "customer_order"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "customer_order_event_id_status_idx" ON "customer_order"("event_id", "status");

-- CreateIndex
CREATE INDEX "order_item_order_id_idx" ON "order_item"("order_id");

-- AddForeignKey
ALTER TABLE "order_item" ADD CONSTRAINT "order_item_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "customer_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma (the drift check ignores CHECK constraints): money is never
-- negative, and only a draft holds a draft key.
ALTER TABLE "customer_order" ADD CONSTRAINT "customer_order_total_cents_check" CHECK ("total_cents" >= 0);
ALTER TABLE "customer_order" ADD CONSTRAINT "customer_order_draft_key_check" CHECK (("status" = 'draft') = ("draft_key" IS NOT NULL));
