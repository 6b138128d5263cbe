-- CreateTable
CREATE TABLE "order_contact" (
    "order_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_contact_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "message_id" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "delivery_dedupe_key_key" ON "delivery"("dedupe_key");

-- CreateIndex
CREATE INDEX "delivery_order_id_idx" ON "delivery"("order_id");

-- CreateIndex
CREATE INDEX "delivery_status_next_attempt_at_idx" ON "delivery"("status", "next_attempt_at");

-- Not expressible in schema.prisma (the drift check ignores CHECK constraints): the kinds and
-- states the code knows, and a sent delivery always has its SMTP message id and time.
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_kind_check" CHECK ("kind" IN ('tickets', 'refund', 'holds-expired'));
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_status_check" CHECK ("status" IN ('pending', 'sent', 'failed'));
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_sent_check" CHECK ("status" <> 'sent' OR ("message_id" IS NOT NULL AND "sent_at" IS NOT NULL));
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_attempts_check" CHECK ("attempts" >= 0);
