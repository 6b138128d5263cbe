-- Holds in sets: `hold_seats_batch` decides every hold of an ordinary batch in memory and writes
-- the batch's reservations, seats, reservation seats and outbox rows in four statements, where the
-- hold-by-hold path (20261201140000) ran eight statements per hold. In an on-sale rush the database
-- spent more on running those statements (an executor start, a snapshot and a plan per statement)
-- than on the rows they wrote: the batch statement alone made 0.35–0.46 as many holds per second
-- as bare single-row UPDATEs made writes.
--
-- The batch goes hold by hold, as before, now under the name `hold_seats_batch_in_turn`, whenever
-- its answers could depend on more than the seats' states and the counts read up front:
--   * it holds a waiting-list offer (an offer changes who is still waiting as the batch goes);
--   * any of its events has someone waiting (public holds may be kept for the waiting list);
--   * any of its events is cancelled (the hold-by-hold path names the refusal);
--   * a hold has no email to cap by.
-- Otherwise every guarantee is the same, and is checked the same way:
--   * every advisory lock of the batch, in key order, then every seat row, in id order (the
--     deadlock-free order of 20261130120000), before anything is read or written;
--   * a hold is refused when one of its seats is missing, not available when locked, or taken by a
--     hold earlier in the batch; the seat named is the first such in id order;
--   * the cap counts, per hold, the seats its (event, email) holds in active, unexpired holds (read
--     once under the advisory locks, with a snapshot taken after them) plus those it got earlier in
--     the batch, exactly as the hold-by-hold path sees them;
--   * seats move to held only from available, under their row locks (a count that does not match
--     raises, and nothing of the batch commits);
--   * each hold's reservation-created row is written in the same transaction, in batch order, with
--     the expiry computed here from the event's own hold time.
ALTER FUNCTION "hold_seats_batch"(JSONB, INTEGER, INTEGER) RENAME TO "hold_seats_batch_in_turn";

CREATE FUNCTION "hold_seats_batch"(
    "p_holds" JSONB,
    "p_default_ttl_seconds" INTEGER,
    "p_cap" INTEGER
) RETURNS TABLE ("idx" INTEGER, "outcome" TEXT, "lost_seat" TEXT, "already_held" INTEGER, "hold_expires_at" TIMESTAMPTZ)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_key BIGINT;
    v_count INTEGER;
    v_n INTEGER := jsonb_array_length(p_holds);
    v_i INTEGER;
    -- Per hold (1-based): its seats (a uuid[] literal), its cap key, what its key held before the
    -- batch, and its expiry if held.
    v_seat_lists TEXT[];
    v_cap_keys TEXT[];
    v_held_before INTEGER[];
    v_expiries TIMESTAMPTZ[];
    v_fallback BOOLEAN;
    v_seats UUID[];
    v_unavailable UUID[];
    v_added JSONB := '{}'::JSONB;
    v_held INTEGER;
    v_ok INTEGER[] := '{}';
    v_seats_held INTEGER := 0;
BEGIN
    -- 1. Every (event, email) of the batch, in key order (as the hold-by-hold path takes them).
    FOR v_key IN
        SELECT DISTINCT hashtextextended(
                   'inventory.customer-email:' || (h->>'eventId') || ':' || (h->>'customerEmail'), 0)
          FROM jsonb_array_elements(p_holds) AS h
         ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(v_key);
    END LOOP;

    -- 2. Every seat of the batch, row-locked in id order; those not available, and those missing,
    --    are unavailable to every hold of the batch.
    WITH wanted AS (
        SELECT DISTINCT sid::UUID AS id
          FROM jsonb_array_elements(p_holds) AS h, jsonb_array_elements_text(h->'seatIds') AS sid
    ), locked AS (
        SELECT s."id", s."state"
          FROM "seat" s
         WHERE s."id" = ANY(ARRAY(SELECT id FROM wanted))
         ORDER BY s."id"
           FOR UPDATE
    )
    SELECT coalesce(array_agg(w.id) FILTER (WHERE l."id" IS NULL OR l."state" <> 'available'), '{}')
      INTO v_unavailable
      FROM wanted w LEFT JOIN locked l ON l."id" = w.id;

    -- 3. What each hold needs, read once: its seats, its cap key and count, its expiry, and whether
    --    the batch must go hold by hold after all.
    SELECT array_agg(x.seats ORDER BY x.i), array_agg(x.cap_key ORDER BY x.i),
           array_agg(x.held ORDER BY x.i), array_agg(x.expires ORDER BY x.i),
           bool_or(x.fallback)
      INTO v_seat_lists, v_cap_keys, v_held_before, v_expiries, v_fallback
      FROM (
        SELECT h.i,
               ARRAY(SELECT sid::UUID FROM jsonb_array_elements_text(h.v->'seatIds') AS sid)::TEXT AS seats,
               (h.v->>'eventId') || ':' || (h.v->>'customerEmail') AS cap_key,
               (SELECT count(*)::INTEGER
                  FROM "reservation" r JOIN "reservation_seat" rs ON rs."reservation_id" = r."id"
                 WHERE r."event_id" = (h.v->>'eventId')::UUID
                   AND r."customer_email" = h.v->>'customerEmail'
                   AND r."status" = 'active' AND r."expires_at" > now())
             + (SELECT count(*)::INTEGER
                  FROM "reservation" r JOIN "reservation_seat" rs ON rs."reservation_id" = r."id"
                 WHERE r."event_id" = (h.v->>'eventId')::UUID
                   AND r."customer_id" = h.v->>'customerId'
                   AND r."customer_email" IS NULL
                   AND r."status" = 'active' AND r."expires_at" > now()) AS held,
               date_trunc('milliseconds', (h.v->>'now')::TIMESTAMPTZ)
                 + make_interval(secs => CASE WHEN es."hold_ttl_seconds" > 0
                                              THEN es."hold_ttl_seconds" ELSE p_default_ttl_seconds END)
                 AS expires,
               h.v ? 'waitingListEntryId'
                 OR coalesce(h.v->>'customerEmail', '') = ''
                 OR es."cancelled_at" IS NOT NULL
                 OR EXISTS (SELECT 1 FROM "waiting_list_entry" w
                             WHERE w."status" = 'waiting'
                               AND w."event_id" = (h.v->>'eventId')::UUID) AS fallback
          FROM jsonb_array_elements(p_holds) WITH ORDINALITY AS h(v, i)
          LEFT JOIN "event_settings" es ON es."event_id" = (h.v->>'eventId')::UUID
      ) x;

    IF v_fallback THEN
        RETURN QUERY SELECT * FROM "hold_seats_batch_in_turn"(p_holds, p_default_ttl_seconds, p_cap);
        RETURN;
    END IF;

    -- 4. Each hold in turn, in memory: a seat unavailable (or taken earlier in the batch) refuses
    --    it, then the cap; a held hold makes its seats unavailable to the rest of the batch.
    FOR v_i IN 1 .. v_n LOOP
        v_seats := v_seat_lists[v_i]::UUID[];
        idx := v_i - 1;
        IF v_seats && v_unavailable THEN
            outcome := 'seat-taken';
            lost_seat := (SELECT u::TEXT FROM unnest(v_seats) AS u
                           WHERE u = ANY(v_unavailable) ORDER BY u LIMIT 1);
            already_held := NULL;
            hold_expires_at := NULL;
            RETURN NEXT;
            CONTINUE;
        END IF;
        v_held := v_held_before[v_i] + coalesce((v_added->>v_cap_keys[v_i])::INTEGER, 0);
        IF v_held + cardinality(v_seats) > p_cap THEN
            outcome := 'over-customer-cap';
            lost_seat := NULL;
            already_held := v_held;
            hold_expires_at := NULL;
            RETURN NEXT;
            CONTINUE;
        END IF;
        v_unavailable := v_unavailable || v_seats;
        v_added := v_added || jsonb_build_object(v_cap_keys[v_i], v_held - v_held_before[v_i] + cardinality(v_seats));
        v_ok := v_ok || v_i;
        v_seats_held := v_seats_held + cardinality(v_seats);
        outcome := 'held';
        lost_seat := NULL;
        already_held := v_held;
        hold_expires_at := v_expiries[v_i];
        RETURN NEXT;
    END LOOP;

    IF cardinality(v_ok) = 0 THEN
        RETURN;
    END IF;

    -- 5. The held holds, written together: reservations, their seats (available → held, under the
    --    row locks of step 2), their reservation seats and their outbox rows in batch order.
    INSERT INTO "reservation" ("id", "event_id", "customer_id", "customer_email", "currency", "expires_at")
    SELECT (h.v->>'reservationId')::UUID, (h.v->>'eventId')::UUID, h.v->>'customerId',
           h.v->>'customerEmail', h.v->>'currency', v_expiries[h.i]
      FROM jsonb_array_elements(p_holds) WITH ORDINALITY AS h(v, i)
     WHERE h.i = ANY(v_ok);

    WITH wanted AS (
        SELECT (h.v->>'reservationId')::UUID AS reservation_id, sid::UUID AS seat_id
          FROM jsonb_array_elements(p_holds) WITH ORDINALITY AS h(v, i),
               jsonb_array_elements_text(h.v->'seatIds') AS sid
         WHERE h.i = ANY(v_ok)
    ), held AS (
        UPDATE "seat" s SET "state" = 'held', "reservation_id" = wanted.reservation_id,
               "version" = s."version" + 1, "updated_at" = now()
          FROM wanted
         WHERE s."id" = wanted.seat_id AND s."state" = 'available'
        RETURNING s."id", s."reservation_id", s."price_cents"
    )
    INSERT INTO "reservation_seat" ("reservation_id", "seat_id", "price_cents")
    SELECT held."reservation_id", held."id", held."price_cents" FROM held;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count <> v_seats_held THEN
        -- Cannot happen with the row locks of step 2 held; if it ever does, nothing commits.
        RAISE EXCEPTION 'hold_seats_batch: % of % seats changed under their row locks',
            v_seats_held - v_count, v_seats_held;
    END IF;

    INSERT INTO "outbox_message" ("id", "topic", "key", "type", "payload", "headers")
    SELECT (h.v->'event'->>'id')::UUID, h.v->>'topic', h.v->'event'->>'key', h.v->'event'->>'type',
           jsonb_set(h.v->'event', '{data,expiresAt}',
                     to_jsonb(to_char(v_expiries[h.i] AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
           h.v->'headers'
      FROM jsonb_array_elements(p_holds) WITH ORDINALITY AS h(v, i)
     WHERE h.i = ANY(v_ok)
     ORDER BY h.i;
END
$$;
