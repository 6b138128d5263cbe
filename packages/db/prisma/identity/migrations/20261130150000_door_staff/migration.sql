-- Door staff: a role that may only check tickets in, for the events an organizer assigned.
-- Existing accounts keep their role; the new value sits between customer and admin.
ALTER TYPE "user_role" ADD VALUE 'staff' BEFORE 'admin';

-- CreateTable
CREATE TABLE "door_assignment" (
    "user_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "door_assignment_pkey" PRIMARY KEY ("user_id","event_id")
);

-- CreateTable
CREATE TABLE "staff_invitation" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "event_ids" UUID[],
    "token_hash" TEXT,
    "invited_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by" UUID,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "staff_invitation_pkey" PRIMARY KEY ("id"),
    -- Invitations are looked up by the normalised address, as accounts are.
    CONSTRAINT "staff_invitation_email_normalised" CHECK ("email" = lower(btrim("email")))
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_invitation_token_hash_key" ON "staff_invitation"("token_hash");

-- CreateIndex
CREATE INDEX "staff_invitation_email_idx" ON "staff_invitation"("email");

-- AddForeignKey
ALTER TABLE "door_assignment" ADD CONSTRAINT "door_assignment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
