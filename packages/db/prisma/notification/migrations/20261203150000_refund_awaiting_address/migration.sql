-- A refund email whose order's address has not arrived yet (payment-refunded carries none; it
-- comes from ordering's events, on another topic). It waits here instead of holding up the
-- refunds consumer; the delivery worker queues it once order_contact has the address.
-- CreateTable
CREATE TABLE "refund_awaiting_address" (
    "dedupe_key" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "trace_headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refund_awaiting_address_pkey" PRIMARY KEY ("dedupe_key")
);

-- CreateIndex
CREATE INDEX "refund_awaiting_address_order_id_idx" ON "refund_awaiting_address"("order_id");
