-- AlterTable: a transferred ticket names its holder (lower-cased email; null: the order's
-- customer), the ticket it replaces, and its place in the seat's chain (0: issued with the order).
-- Existing tickets are the order customer's originals: null, null, 0.
ALTER TABLE "ticket" ADD COLUMN "holder_email" TEXT,
ADD COLUMN "transferred_from_id" UUID,
ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 0;

-- A seat of an order has one ticket per generation (the originals stay unique per seat).
DROP INDEX "ticket_order_id_seat_id_key";

-- CreateIndex
CREATE UNIQUE INDEX "ticket_order_id_seat_id_generation_key" ON "ticket"("order_id", "seat_id", "generation");

-- CreateIndex: a ticket is transferred at most once.
CREATE UNIQUE INDEX "ticket_transferred_from_id_key" ON "ticket"("transferred_from_id");

-- CreateIndex
CREATE INDEX "ticket_holder_email_idx" ON "ticket"("holder_email");
