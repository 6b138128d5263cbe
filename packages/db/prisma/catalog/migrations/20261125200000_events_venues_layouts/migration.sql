-- CreateEnum
CREATE TYPE "event_status" AS ENUM ('draft', 'published', 'cancelled');

-- CreateEnum
CREATE TYPE "seat_state" AS ENUM ('available', 'held', 'sold');

-- CreateTable
CREATE TABLE "venue" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "venue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "venue_id" UUID NOT NULL,
    "image_path" TEXT,
    "status" "event_status" NOT NULL DEFAULT 'draft',
    "hold_ttl_seconds" INTEGER NOT NULL DEFAULT 900,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "event_hold_ttl_seconds_check" CHECK ("hold_ttl_seconds" > 0)
);

-- CreateTable
CREATE TABLE "seat_layout" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "seat_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seat_layout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_tier" (
    "id" UUID NOT NULL,
    "layout_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,

    CONSTRAINT "price_tier_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "price_tier_price_cents_check" CHECK ("price_cents" >= 0)
);

-- CreateTable
CREATE TABLE "section" (
    "id" UUID NOT NULL,
    "layout_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seat" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "section_id" UUID NOT NULL,
    "section_position" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "row" TEXT NOT NULL,
    "row_position" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "tier_position" INTEGER NOT NULL,
    "accessible" BOOLEAN NOT NULL DEFAULT false,
    "state" "seat_state" NOT NULL DEFAULT 'available',
    "reservation_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seat_pkey" PRIMARY KEY ("id"),
    -- A held or sold seat always names the reservation that has it; an available one names none.
    CONSTRAINT "seat_reservation_matches_state" CHECK (("state" = 'available') = ("reservation_id" IS NULL))
);

-- CreateIndex
CREATE INDEX "event_status_starts_at_idx" ON "event"("status", "starts_at");

-- CreateIndex
CREATE INDEX "event_venue_id_idx" ON "event"("venue_id");

-- CreateIndex
CREATE UNIQUE INDEX "seat_layout_event_id_key" ON "seat_layout"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "price_tier_layout_id_position_key" ON "price_tier"("layout_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "price_tier_layout_id_name_key" ON "price_tier"("layout_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "section_layout_id_position_key" ON "section"("layout_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "section_layout_id_name_key" ON "section"("layout_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "seat_section_id_position_key" ON "seat"("section_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "seat_section_id_row_number_key" ON "seat"("section_id", "row", "number");

-- CreateIndex
CREATE INDEX "seat_event_id_section_position_position_idx" ON "seat"("event_id", "section_position", "position");

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seat_layout" ADD CONSTRAINT "seat_layout_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_tier" ADD CONSTRAINT "price_tier_layout_id_fkey" FOREIGN KEY ("layout_id") REFERENCES "seat_layout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section" ADD CONSTRAINT "section_layout_id_fkey" FOREIGN KEY ("layout_id") REFERENCES "seat_layout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seat" ADD CONSTRAINT "seat_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE CASCADE ON UPDATE CASCADE;
