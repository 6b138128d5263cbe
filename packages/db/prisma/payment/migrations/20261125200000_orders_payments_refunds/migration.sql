-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('pending', 'paid', 'cancelled', 'expired');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('succeeded', 'failed');

-- CreateTable
CREATE TABLE "order_projection" (
    "order_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "total_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "order_status" NOT NULL DEFAULT 'pending',
    "reservation_ids" UUID[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_projection_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "payment" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "payment_status" NOT NULL,
    "failure_reason" TEXT,
    "failure_message" TEXT,
    "card_brand" TEXT NOT NULL,
    "card_last4" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refund" (
    "id" UUID NOT NULL,
    "payment_id" UUID NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payment_order_id_idx" ON "payment"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_customer_id_idempotency_key_key" ON "payment"("customer_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "refund_payment_id_idx" ON "refund"("payment_id");

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (the drift check ignores CHECK constraints): money is never
-- negative, and only a card's last four digits are ever stored.
ALTER TABLE "order_projection" ADD CONSTRAINT "order_projection_total_cents_check" CHECK ("total_cents" >= 0);
ALTER TABLE "payment" ADD CONSTRAINT "payment_amount_cents_check" CHECK ("amount_cents" >= 0);
ALTER TABLE "payment" ADD CONSTRAINT "payment_card_last4_check" CHECK ("card_last4" ~ '^[0-9]{4}$');
ALTER TABLE "refund" ADD CONSTRAINT "refund_amount_cents_check" CHECK ("amount_cents" > 0);
