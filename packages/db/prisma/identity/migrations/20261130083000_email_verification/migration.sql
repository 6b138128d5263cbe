-- AlterTable: when the account proved its email address (the link in the verification email);
-- null until then. Notices other than tickets and refunds go only to verified addresses.
ALTER TABLE "users" ADD COLUMN "email_verified_at" TIMESTAMPTZ(3);
