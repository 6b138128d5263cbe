-- The waiting list: customers waiting for seats of a sold-out event, or of one section of it.
-- Seats that come back are offered to the first in line (`seq`) whose quantity fits, as a hold of
-- their own (inventory's offer worker, src/app/offer-returned-seats.ts).

-- CreateEnum
CREATE TYPE "waiting_list_status" AS ENUM ('waiting', 'offered', 'taken', 'lapsed', 'left');

-- CreateTable
CREATE TABLE "waiting_list_entry" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "section" TEXT,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "waiting_list_status" NOT NULL DEFAULT 'waiting',
    "reservation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "waiting_list_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "waiting_list_entry_seq_key" ON "waiting_list_entry"("seq");

-- CreateIndex
CREATE INDEX "waiting_list_entry_status_event_id_seq_idx" ON "waiting_list_entry"("status", "event_id", "seq");

-- CreateIndex
CREATE INDEX "waiting_list_entry_event_id_customer_id_idx" ON "waiting_list_entry"("event_id", "customer_id");

-- CreateIndex
CREATE INDEX "waiting_list_entry_reservation_id_idx" ON "waiting_list_entry"("reservation_id");

-- The offered hold decides its entry, whichever path closes it (the sweeper, the customer's
-- release, a cancelled order, a payment): sold → taken, expired or released → lapsed. A trigger,
-- so no path can forget it and none pays a round trip for it (an index lookup on an empty match).
CREATE FUNCTION "waiting_list_follow_offer"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."status" = 'confirmed' THEN
        UPDATE "waiting_list_entry" SET "status" = 'taken', "closed_at" = now()
         WHERE "reservation_id" = NEW."id" AND "status" IN ('offered', 'lapsed');
    ELSIF NEW."status" IN ('expired', 'released') THEN
        UPDATE "waiting_list_entry" SET "status" = 'lapsed', "closed_at" = now()
         WHERE "reservation_id" = NEW."id" AND "status" = 'offered';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "reservation_decides_waiting_list_offer"
    AFTER UPDATE OF "status" ON "reservation"
    FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
    EXECUTE FUNCTION "waiting_list_follow_offer"();

-- hold_seats_batch (20261130120000) learns the waiting list, per hold of the batch:
--   * a public hold (no "waitingListEntryId") of an ordinary seat in a section, or an event, with
--     anyone waiting is refused as 'kept-for-waiting-list': returned seats go to the list first;
--   * an offer ("waitingListEntryId", "offer": the waiting-list-offered envelope, "offerTopic")
--     locks its entry, is refused as 'entry-not-waiting' unless it is still waiting, and otherwise
--     is a hold like any other (seat guard, cancelled event, cap) that also marks the entry
--     offered and writes waiting-list-offered, with the hold's expiry, in the same transaction.
CREATE OR REPLACE FUNCTION "hold_seats_batch"(
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
    v_entry UUID;
    v_entry_status TEXT;
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

        v_entry := (v_hold->>'waitingListEntryId')::UUID;
        IF v_entry IS NULL THEN
            -- A public hold may not take a seat someone on the waiting list is waiting for: an
            -- ordinary seat of a section (or an event) with anyone still waiting goes to the list.
            IF EXISTS (SELECT 1 FROM "seat" s JOIN "waiting_list_entry" w
                           ON w."event_id" = v_event AND w."status" = 'waiting'
                          AND (w."section" IS NULL OR w."section" = s."section")
                        WHERE s."id" = ANY(v_seats) AND NOT s."accessible") THEN
                RETURN QUERY SELECT v_i, 'kept-for-waiting-list'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TIMESTAMPTZ;
                CONTINUE;
            END IF;
        ELSE
            -- An offer: the entry must still be waiting. SKIP LOCKED: an entry another writer has
            -- (a leave, an offer from another process) is not waited for, just not offered now.
            v_entry_status := NULL;
            SELECT w."status"::TEXT INTO v_entry_status
              FROM "waiting_list_entry" w WHERE w."id" = v_entry FOR UPDATE SKIP LOCKED;
            IF v_entry_status IS DISTINCT FROM 'waiting' THEN
                RETURN QUERY SELECT v_i, 'entry-not-waiting'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TIMESTAMPTZ;
                CONTINUE;
            END IF;
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

        IF v_entry IS NOT NULL THEN
            UPDATE "waiting_list_entry"
               SET "status" = 'offered', "reservation_id" = v_reservation, "offered_at" = now()
             WHERE "id" = v_entry;
            INSERT INTO "outbox_message" ("id", "topic", "key", "type", "payload", "headers")
            VALUES ((v_hold->'offer'->>'id')::UUID, v_hold->>'offerTopic', v_hold->'offer'->>'key',
                    v_hold->'offer'->>'type',
                    jsonb_set(v_hold->'offer', '{data,expiresAt}',
                              to_jsonb(to_char(v_expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
                    v_hold->'headers');
        END IF;

        RETURN QUERY SELECT v_i, 'held'::TEXT, NULL::TEXT, v_held, v_expires;
    END LOOP;
END
$$;
