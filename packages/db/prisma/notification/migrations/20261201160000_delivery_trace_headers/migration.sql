-- The trace context (W3C `traceparent`) of the event that queued an email, so the sender's SMTP
-- span continues the purchase's trace although it runs later, in another transaction.
ALTER TABLE "delivery" ADD COLUMN "trace_headers" JSONB NOT NULL DEFAULT '{}';
