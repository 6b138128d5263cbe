-- AlterTable: which device admitted a ticket offline (null: scanned online)
ALTER TABLE "check_in" ADD COLUMN "device_id" TEXT;

-- CreateTable
CREATE TABLE "offline_scan" (
    "device_id" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "list_id" UUID NOT NULL,
    "ticket_id" UUID,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "synced_by" TEXT NOT NULL,

    CONSTRAINT "offline_scan_pkey" PRIMARY KEY ("device_id","code_hash","scanned_at")
);

-- CreateTable
CREATE TABLE "duplicate_admission" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "first_device_id" TEXT,
    "first_list_id" UUID,
    "second_at" TIMESTAMPTZ(3) NOT NULL,
    "second_device_id" TEXT,
    "second_list_id" UUID,
    "flagged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "duplicate_admission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "offline_scan_list_id_idx" ON "offline_scan"("list_id");

-- CreateIndex
CREATE INDEX "duplicate_admission_event_id_flagged_at_idx" ON "duplicate_admission"("event_id", "flagged_at");

-- AddForeignKey
ALTER TABLE "offline_scan" ADD CONSTRAINT "offline_scan_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "check_in_list"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_admission" ADD CONSTRAINT "duplicate_admission_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
