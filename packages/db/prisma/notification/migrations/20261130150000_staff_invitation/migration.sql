-- A new kind of email: an organizer's invitation of door staff. It belongs to an invitation,
-- not to an order.
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_kind_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_kind_check" CHECK ("kind" IN ('tickets', 'refund', 'holds-expired', 'email-verification', 'registration-attempted', 'staff-invitation'));
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_order_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_order_check" CHECK ("order_id" IS NOT NULL OR "kind" IN ('email-verification', 'registration-attempted', 'staff-invitation'));
