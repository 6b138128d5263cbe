-- hold_seats counts a customer's held seats with two index lookups instead of an OR that filtered
-- every active hold of the event (hundreds during an on-sale). Same signature and behaviour
-- otherwise; see 20261130090000_hold_in_one_statement.
CREATE OR REPLACE FUNCTION "hold_seats"(
    "p_reservation_id" UUID,
    "p_event_id" UUID,
    "p_customer_id" TEXT,
    "p_customer_email" TEXT,
    "p_seat_ids" UUID[],
    "p_currency" TEXT,
    "p_now" TIMESTAMPTZ,
    "p_default_ttl_seconds" INTEGER,
    "p_cap" INTEGER,
    "p_outbox_id" UUID,
    "p_outbox_topic" TEXT,
    "p_outbox_key" TEXT,
    "p_outbox_type" TEXT,
    "p_outbox_payload" JSONB,
    "p_outbox_headers" JSONB
) RETURNS TABLE ("outcome" TEXT, "lost_seat" TEXT, "already_held" INTEGER, "hold_expires_at" TIMESTAMPTZ)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_taken UUID;
    v_cancelled BOOLEAN;
    v_ttl INTEGER;
    v_held INTEGER;
    v_count INTEGER;
    v_expires TIMESTAMPTZ;
BEGIN
    -- 1. The cheap answer for most losers of a race: a requested seat is already held or sold.
    SELECT s."id" INTO v_taken FROM "seat" s
     WHERE s."id" = ANY(p_seat_ids) AND s."state" <> 'available'
     ORDER BY s."id" LIMIT 1;
    IF v_taken IS NOT NULL THEN
        RETURN QUERY SELECT 'seat-taken'::TEXT, v_taken::TEXT, NULL::INTEGER, NULL::TIMESTAMPTZ;
        RETURN;
    END IF;

    SELECT es."cancelled_at" IS NOT NULL, es."hold_ttl_seconds" INTO v_cancelled, v_ttl
      FROM "event_settings" es WHERE es."event_id" = p_event_id;
    IF v_cancelled THEN
        RETURN QUERY SELECT 'event-cancelled'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TIMESTAMPTZ;
        RETURN;
    END IF;

    -- 2. The cap: one (event, email) at a time, counted after the lock with a fresh snapshot.
    PERFORM pg_advisory_xact_lock(
        hashtextextended('inventory.customer-email:' || p_event_id::TEXT || ':' || p_customer_email, 0));
    -- Two index lookups, (event, email, status) and (event, customer, status), rather than one OR
    -- that scans every active hold of the event.
    SELECT (SELECT count(*)::INTEGER
              FROM "reservation" r JOIN "reservation_seat" rs ON rs."reservation_id" = r."id"
             WHERE r."event_id" = p_event_id AND r."customer_email" = p_customer_email
               AND r."status" = 'active' AND r."expires_at" > now())
         + (SELECT count(*)::INTEGER
              FROM "reservation" r JOIN "reservation_seat" rs ON rs."reservation_id" = r."id"
             WHERE r."event_id" = p_event_id AND r."customer_id" = p_customer_id
               AND r."customer_email" IS NULL
               AND r."status" = 'active' AND r."expires_at" > now())
      INTO v_held;
    IF v_held + cardinality(p_seat_ids) > p_cap THEN
        RETURN QUERY SELECT 'over-customer-cap'::TEXT, NULL::TEXT, v_held, NULL::TIMESTAMPTZ;
        RETURN;
    END IF;

    -- 3. The guard: a seat moves to held only if it is available under its row lock.
    v_expires := date_trunc('milliseconds', p_now)
        + make_interval(secs => CASE WHEN v_ttl > 0 THEN v_ttl ELSE p_default_ttl_seconds END);
    INSERT INTO "reservation" ("id", "event_id", "customer_id", "customer_email", "currency", "expires_at")
    VALUES (p_reservation_id, p_event_id, p_customer_id, p_customer_email, p_currency, v_expires);
    WITH held AS (
        UPDATE "seat" SET "state" = 'held', "reservation_id" = p_reservation_id,
               "version" = "version" + 1, "updated_at" = now()
         WHERE "id" = ANY(p_seat_ids) AND "state" = 'available'
        RETURNING "id", "price_cents"
    )
    INSERT INTO "reservation_seat" ("reservation_id", "seat_id", "price_cents")
    SELECT p_reservation_id, held."id", held."price_cents" FROM held;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count < cardinality(p_seat_ids) THEN
        SELECT u."id" INTO v_taken FROM unnest(p_seat_ids) AS u("id")
         WHERE NOT EXISTS (SELECT 1 FROM "reservation_seat" rs
                            WHERE rs."reservation_id" = p_reservation_id AND rs."seat_id" = u."id")
         ORDER BY u."id" LIMIT 1;
        RAISE EXCEPTION 'seat taken by a concurrent hold' USING ERRCODE = 'MQ409', DETAIL = v_taken::TEXT;
    END IF;

    -- 4. The announcement, in the same transaction; the envelope is built by the caller, the
    --    expiry (known only here) goes into its data.
    INSERT INTO "outbox_message" ("id", "topic", "key", "type", "payload", "headers")
    VALUES (p_outbox_id, p_outbox_topic, p_outbox_key, p_outbox_type,
            jsonb_set(p_outbox_payload, '{data,expiresAt}',
                      to_jsonb(to_char(v_expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
            p_outbox_headers);

    RETURN QUERY SELECT 'held'::TEXT, NULL::TEXT, v_held, v_expires;
END
$$;
