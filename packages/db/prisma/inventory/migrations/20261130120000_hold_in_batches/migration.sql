-- Holds in batches: `hold_seats_batch` takes every hold request a process has waiting (one or many)
-- and applies them in one transaction, one round trip and one commit, answering each on its own.
-- It replaces `hold_seats` (20261130090000, 20261130091000), which took one hold per call: under an
-- on-sale rush the database spent most of its time per transaction (round trip, snapshot, commit and
-- its WAL flush), not per row. Every guarantee of `hold_seats` stands, now per hold of the batch:
--   * a seat moves to held only if it is available while its row lock is held;
--   * one (event, email) at a time: its advisory lock is held while its held seats are counted
--     (with a fresh snapshot, every statement of a VOLATILE function takes one) and while the hold
--     is written, so the per-customer cap cannot be overrun by concurrent holds;
--   * the reservation-created outbox row is written in the same transaction as the hold.
-- Deadlock-free by ordering: every advisory lock of the batch is taken first, in key order, then
-- every seat row of the batch, in id order, so two batches can only wait on each other one way.
-- With every lock taken up front, a hold that cannot be made is refused before anything of it is
-- written (no exception, no savepoint), and the other holds of the batch commit.
--
-- p_holds: a JSON array, one object per hold:
--   { "reservationId", "eventId", "customerId", "customerEmail" (lower-cased; the cap counts by it),
--     "seatIds" (array of uuids), "currency", "now" (ISO instant), "event" (the reservation-created
--     envelope; its data.expiresAt is replaced by the expiry computed here), "topic", "headers" }
-- Returns one row per hold: its index in p_holds and its outcome, as `hold_seats` did.
DROP FUNCTION IF EXISTS "hold_seats"(UUID, UUID, TEXT, TEXT, UUID[], TEXT, TIMESTAMPTZ, INTEGER, INTEGER, UUID, TEXT, TEXT, TEXT, JSONB, JSONB);

CREATE FUNCTION "hold_seats_batch"(
    "p_holds" JSONB,
    "p_default_ttl_seconds" INTEGER,
    "p_cap" INTEGER
) RETURNS TABLE ("idx" INTEGER, "outcome" TEXT, "lost_seat" TEXT, "already_held" INTEGER, "hold_expires_at" TIMESTAMPTZ)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_key BIGINT;
    v_hold JSONB;
    v_i INTEGER;
    v_seats UUID[];
    v_event UUID;
    v_email TEXT;
    v_customer TEXT;
    v_reservation UUID;
    v_taken UUID;
    v_cancelled BOOLEAN;
    v_ttl INTEGER;
    v_held INTEGER;
    v_count INTEGER;
    v_expires TIMESTAMPTZ;
BEGIN
    -- 1. Every (event, email) of the batch, in key order.
    FOR v_key IN
        SELECT DISTINCT hashtextextended(
                   'inventory.customer-email:' || (h->>'eventId') || ':' || (h->>'customerEmail'), 0)
          FROM jsonb_array_elements(p_holds) AS h
         ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(v_key);
    END LOOP;

    -- 2. Every seat of the batch, row-locked in id order (the sort runs below the row locking).
    PERFORM 1 FROM "seat" s
     WHERE s."id" = ANY(ARRAY(
             SELECT DISTINCT sid::UUID
               FROM jsonb_array_elements(p_holds) AS h,
                    jsonb_array_elements_text(h->'seatIds') AS sid))
     ORDER BY s."id"
       FOR UPDATE;

    -- 3. Each hold in turn; every statement sees what the holds before it in the batch wrote.
    FOR v_i IN 0 .. jsonb_array_length(p_holds) - 1 LOOP
        v_hold := p_holds -> v_i;
        v_seats := ARRAY(SELECT jsonb_array_elements_text(v_hold->'seatIds')::UUID);
        v_event := (v_hold->>'eventId')::UUID;
        v_email := v_hold->>'customerEmail';
        v_customer := v_hold->>'customerId';
        v_reservation := (v_hold->>'reservationId')::UUID;

        -- A seat that is missing, held or sold ends this hold; nothing of it is written.
        SELECT u."id" INTO v_taken
          FROM unnest(v_seats) AS u("id") LEFT JOIN "seat" s ON s."id" = u."id"
         WHERE s."id" IS NULL OR s."state" <> 'available'
         ORDER BY u."id" LIMIT 1;
        IF v_taken IS NOT NULL THEN
            RETURN QUERY SELECT v_i, 'seat-taken'::TEXT, v_taken::TEXT, NULL::INTEGER, NULL::TIMESTAMPTZ;
            CONTINUE;
        END IF;

        v_cancelled := NULL;
        v_ttl := NULL;
        SELECT es."cancelled_at" IS NOT NULL, es."hold_ttl_seconds" INTO v_cancelled, v_ttl
          FROM "event_settings" es WHERE es."event_id" = v_event;
        IF v_cancelled THEN
            RETURN QUERY SELECT v_i, 'event-cancelled'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TIMESTAMPTZ;
            CONTINUE;
        END IF;

        -- The cap, counted under this email's advisory lock (two index lookups, see 20261130091000).
        SELECT (SELECT count(*)::INTEGER
                  FROM "reservation" r JOIN "reservation_seat" rs ON rs."reservation_id" = r."id"
                 WHERE r."event_id" = v_event AND r."customer_email" = v_email
                   AND r."status" = 'active' AND r."expires_at" > now())
             + (SELECT count(*)::INTEGER
                  FROM "reservation" r JOIN "reservation_seat" rs ON rs."reservation_id" = r."id"
                 WHERE r."event_id" = v_event AND r."customer_id" = v_customer
                   AND r."customer_email" IS NULL
                   AND r."status" = 'active' AND r."expires_at" > now())
          INTO v_held;
        IF v_held + cardinality(v_seats) > p_cap THEN
            RETURN QUERY SELECT v_i, 'over-customer-cap'::TEXT, NULL::TEXT, v_held, NULL::TIMESTAMPTZ;
            CONTINUE;
        END IF;

        v_expires := date_trunc('milliseconds', (v_hold->>'now')::TIMESTAMPTZ)
            + make_interval(secs => CASE WHEN v_ttl > 0 THEN v_ttl ELSE p_default_ttl_seconds END);
        INSERT INTO "reservation" ("id", "event_id", "customer_id", "customer_email", "currency", "expires_at")
        VALUES (v_reservation, v_event, v_customer, v_email, v_hold->>'currency', v_expires);
        WITH held AS (
            UPDATE "seat" SET "state" = 'held', "reservation_id" = v_reservation,
                   "version" = "version" + 1, "updated_at" = now()
             WHERE "id" = ANY(v_seats) AND "state" = 'available'
            RETURNING "id", "price_cents"
        )
        INSERT INTO "reservation_seat" ("reservation_id", "seat_id", "price_cents")
        SELECT v_reservation, held."id", held."price_cents" FROM held;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        IF v_count < cardinality(v_seats) THEN
            -- Cannot happen with the row locks of step 2 held; if it ever does, nothing commits.
            RAISE EXCEPTION 'hold_seats_batch: a seat of reservation % changed under its row lock', v_reservation;
        END IF;

        INSERT INTO "outbox_message" ("id", "topic", "key", "type", "payload", "headers")
        VALUES ((v_hold->'event'->>'id')::UUID, v_hold->>'topic', v_hold->'event'->>'key',
                v_hold->'event'->>'type',
                jsonb_set(v_hold->'event', '{data,expiresAt}',
                          to_jsonb(to_char(v_expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
                v_hold->'headers');

        RETURN QUERY SELECT v_i, 'held'::TEXT, NULL::TEXT, v_held, v_expires;
    END LOOP;
END
$$;
