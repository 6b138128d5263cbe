-- CreateTable
CREATE TABLE "event_projection" (
    "event_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "venue_name" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_projection_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "ticket" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "seat_id" UUID NOT NULL,
    "section" TEXT NOT NULL,
    "row" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checked_in_at" TIMESTAMPTZ(3),
    "checked_in_by" TEXT,

    CONSTRAINT "ticket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ticket_code_key" ON "ticket"("code");

-- CreateIndex
CREATE INDEX "ticket_customer_id_idx" ON "ticket"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_order_id_seat_id_key" ON "ticket"("order_id", "seat_id");

-- Not expressible in schema.prisma (the drift check ignores CHECK constraints): a check-in
-- records who scanned the ticket.
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_checked_in_check" CHECK (("checked_in_at" IS NULL) = ("checked_in_by" IS NULL));
