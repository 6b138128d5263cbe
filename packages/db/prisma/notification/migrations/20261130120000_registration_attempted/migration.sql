-- A new kind of email: the owner of an address hears that someone tried to register it again.
-- Like the verification email, it belongs to an account, not to an order.
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_kind_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_kind_check" CHECK ("kind" IN ('tickets', 'refund', 'holds-expired', 'email-verification', 'registration-attempted'));
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_order_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_order_check" CHECK ("order_id" IS NOT NULL OR "kind" IN ('email-verification', 'registration-attempted'));
