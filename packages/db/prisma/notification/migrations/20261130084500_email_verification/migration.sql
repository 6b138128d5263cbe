-- CreateTable: notification's projection of identity's verified accounts (identity.email-verified):
-- the addresses that proved themselves, the only ones told of expired holds.
CREATE TABLE "verified_account" (
    "user_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verified_account_pkey" PRIMARY KEY ("user_id")
);

-- AlterTable: the verification email belongs to an account, not to an order.
ALTER TABLE "delivery" ALTER COLUMN "order_id" DROP NOT NULL;

-- A new kind of email; a delivery without an order is one of those.
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_kind_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_kind_check" CHECK ("kind" IN ('tickets', 'refund', 'holds-expired', 'email-verification'));
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_order_check" CHECK ("order_id" IS NOT NULL OR "kind" = 'email-verification');
