-- A new kind of email: seats that came back were held for a customer on an event's waiting list
-- (inventory's waiting-list-offered). It belongs to no order (none exists yet).
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_kind_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_kind_check" CHECK ("kind" IN ('tickets', 'refund', 'holds-expired', 'email-verification', 'registration-attempted', 'staff-invitation', 'ticket-sent', 'ticket-received', 'waiting-list-offer'));
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_order_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_order_check" CHECK ("order_id" IS NOT NULL OR "kind" IN ('email-verification', 'registration-attempted', 'staff-invitation', 'ticket-sent', 'ticket-received', 'waiting-list-offer'));
