-- CreateEnum
CREATE TYPE "seat_state" AS ENUM ('available', 'held', 'sold');

-- CreateEnum
CREATE TYPE "reservation_status" AS ENUM ('active', 'released', 'expired', 'confirmed');

-- CreateTable
CREATE TABLE "seat" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "section" TEXT NOT NULL,
    "row" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "state" "seat_state" NOT NULL DEFAULT 'available',
    "reservation_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reservation" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "status" "reservation_status" NOT NULL DEFAULT 'active',
    "currency" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "order_id" UUID,

    CONSTRAINT "reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reservation_seat" (
    "reservation_id" UUID NOT NULL,
    "seat_id" UUID NOT NULL,
    "price_cents" INTEGER NOT NULL,

    CONSTRAINT "reservation_seat_pkey" PRIMARY KEY ("reservation_id","seat_id")
);

-- CreateTable
CREATE TABLE "event_settings" (
    "event_id" UUID NOT NULL,
    "hold_ttl_seconds" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_settings_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "seat_event_id_state_idx" ON "seat"("event_id", "state");

-- CreateIndex
CREATE INDEX "seat_reservation_id_idx" ON "seat"("reservation_id");

-- CreateIndex
CREATE INDEX "reservation_status_expires_at_idx" ON "reservation"("status", "expires_at");

-- CreateIndex
CREATE INDEX "reservation_event_id_customer_id_status_idx" ON "reservation"("event_id", "customer_id", "status");

-- CreateIndex
CREATE INDEX "reservation_seat_seat_id_idx" ON "reservation_seat"("seat_id");

-- AddForeignKey
ALTER TABLE "reservation_seat" ADD CONSTRAINT "reservation_seat_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservation_seat" ADD CONSTRAINT "reservation_seat_seat_id_fkey" FOREIGN KEY ("seat_id") REFERENCES "seat"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (the drift check ignores CHECK constraints): a free seat belongs
-- to no reservation, a held or sold seat to exactly one, and prices are never negative.
ALTER TABLE "seat" ADD CONSTRAINT "seat_state_reservation_check"
    CHECK (("state" = 'available') = ("reservation_id" IS NULL));
ALTER TABLE "seat" ADD CONSTRAINT "seat_price_cents_check" CHECK ("price_cents" >= 0);
ALTER TABLE "reservation_seat" ADD CONSTRAINT "reservation_seat_price_cents_check" CHECK ("price_cents" >= 0);
