-- AlterTable
ALTER TABLE "event_projection" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'published';

-- AlterTable
ALTER TABLE "ticket" ADD COLUMN "short_code" TEXT,
ADD COLUMN "voided_at" TIMESTAMPTZ(3),
ADD COLUMN "void_reason" TEXT;

-- Backfill: every ticket issued before short codes gets one, made as @marquee/tickets/short-code
-- makes them (9 random Crockford base32 characters from gen_random_uuid()'s random bytes, then the
-- Luhn mod 32 check character), drawn again on the rare collision.
DO $$
DECLARE
    alphabet CONSTANT TEXT := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    -- bytes of a version-4 UUID that are wholly random (6 and 8 carry the version and variant)
    random_bytes CONSTANT INTEGER[] := ARRAY[0, 1, 2, 3, 4, 5, 9, 10, 11];
    t RECORD;
    raw BYTEA;
    body TEXT;
    total INTEGER;
    factor INTEGER;
    addend INTEGER;
    candidate TEXT;
BEGIN
    FOR t IN SELECT "id" FROM "ticket" WHERE "short_code" IS NULL LOOP
        LOOP
            raw := uuid_send(gen_random_uuid());
            body := '';
            FOR i IN 1..9 LOOP
                body := body || substr(alphabet, get_byte(raw, random_bytes[i]) % 32 + 1, 1);
            END LOOP;
            total := 0;
            factor := 2;
            FOR i IN REVERSE 9..1 LOOP
                addend := factor * (strpos(alphabet, substr(body, i, 1)) - 1);
                total := total + addend / 32 + addend % 32;
                factor := 3 - factor;
            END LOOP;
            candidate := body || substr(alphabet, (32 - total % 32) % 32 + 1, 1);
            EXIT WHEN NOT EXISTS (SELECT 1 FROM "ticket" WHERE "short_code" = candidate);
        END LOOP;
        UPDATE "ticket" SET "short_code" = candidate WHERE "id" = t."id";
    END LOOP;
END $$;

ALTER TABLE "ticket" ALTER COLUMN "short_code" SET NOT NULL;

-- CreateTable
CREATE TABLE "check_in_list" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sections" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "check_in_list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_in" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3) NOT NULL,
    "checked_in_by" TEXT NOT NULL,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by" TEXT,

    CONSTRAINT "check_in_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ticket_short_code_key" ON "ticket"("short_code");

-- CreateIndex
CREATE INDEX "ticket_event_id_section_idx" ON "ticket"("event_id", "section");

-- CreateIndex
CREATE INDEX "check_in_list_event_id_idx" ON "check_in_list"("event_id");

-- CreateIndex
CREATE INDEX "check_in_list_id_checked_in_at_idx" ON "check_in"("list_id", "checked_in_at");

-- CreateIndex
CREATE INDEX "check_in_ticket_id_idx" ON "check_in"("ticket_id");

-- AddForeignKey
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "check_in_list"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma: a void ticket says why, an undo says who, a list holds no
-- nulls (empty: every section).
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_voided_check" CHECK (("voided_at" IS NULL) = ("void_reason" IS NULL));
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_undone_check" CHECK (("undone_at" IS NULL) = ("undone_by" IS NULL));
ALTER TABLE "check_in_list" ADD CONSTRAINT "check_in_list_sections_check" CHECK ("sections" IS NOT NULL);
