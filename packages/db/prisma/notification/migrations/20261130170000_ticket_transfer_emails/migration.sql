-- Two new kinds of email for a ticket transfer: to the sender (ticket-sent) and to the recipient
-- (ticket-received, with the new ticket). They belong to a transfer, not to the order's history,
-- whose customer may not be either of the two people.
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_kind_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_kind_check" CHECK ("kind" IN ('tickets', 'refund', 'holds-expired', 'email-verification', 'registration-attempted', 'staff-invitation', 'ticket-sent', 'ticket-received'));
ALTER TABLE "delivery" DROP CONSTRAINT "delivery_order_check";
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_order_check" CHECK ("order_id" IS NOT NULL OR "kind" IN ('email-verification', 'registration-attempted', 'staff-invitation', 'ticket-sent', 'ticket-received'));
