-- The analysts' questions, one view each. Applied after tables.sql by './ticketing warehouse start' (and by
-- WarehouseIT); CREATE OR REPLACE, so applying it again is harmless. All times are UTC.

-- Sellable tickets per section, from the event's config as last published: a reserved section's seats that are not
-- killed, a general-admission section's zones' capacity (zones not killed). Each section's fields are read once, in
-- FROM (json_to_record, and an aggregate over its seats or zones), so a view that filters or joins on them (e.g.
-- section_sell_out) does not parse the section's json again for every row it compares: the catalogue is json, and
-- every ->> parses the text (a 40,000-seat event's sections are ~370 kB).
CREATE OR REPLACE VIEW section_capacity AS
SELECT c.event_id,
       s.section_id,
       s.name         AS section_name,
       s.kind,
       s.price_minor,
       n.capacity,
       c.sale_opens_at
FROM event_catalog c
CROSS JOIN LATERAL json_array_elements(c.sections) e
CROSS JOIN LATERAL json_to_record(e) AS s(section_id text, name text, kind text, price_minor bigint)
CROSS JOIN LATERAL (
    SELECT coalesce(sum(CASE WHEN s.kind = 'GENERAL_ADMISSION' THEN (u ->> 'capacity')::int ELSE 1 END), 0)::bigint
               AS capacity
    FROM json_array_elements(CASE WHEN s.kind = 'GENERAL_ADMISSION' THEN e -> 'zones' ELSE e -> 'seats' END) u
    WHERE NOT (u ->> 'killed')::boolean
) n;

-- Tickets sold per minute per section: the engine's SOLD decisions (a seat is 1 ticket, a zone sale its quantity).
CREATE OR REPLACE VIEW tickets_sold_per_minute AS
SELECT event_id,
       section_id,
       date_trunc('minute', decided_at) AS minute,
       sum(quantity)                    AS tickets,
       count(*)                         AS units_sold
FROM reservation_events
WHERE type = 'SOLD'
GROUP BY event_id, section_id, date_trunc('minute', decided_at);

-- Time from the sale's opening to sell-out per section: sold_out_at is the SOLD decision that brought the section's
-- sold tickets to its capacity, null while tickets are left; unavailable_at is when its last free unit was held.
-- Per section, its SOLD decisions in order with their running total (the index reservation_events_sold gives them
-- in that order): the last total is what it sold, the first that reaches the capacity its sell-out.
CREATE OR REPLACE VIEW section_sell_out AS
SELECT c.event_id,
       c.section_id,
       c.section_name,
       c.capacity,
       coalesce(t.sold, 0)                AS sold,
       c.sale_opens_at,
       t.sold_out_at,
       t.sold_out_at - c.sale_opens_at    AS time_to_sell_out,
       u.unavailable_at,
       u.unavailable_at - c.sale_opens_at AS time_to_unavailable
FROM section_capacity c
LEFT JOIN LATERAL (
    SELECT max(s.sold_so_far) AS sold,
           min(s.decided_at) FILTER (WHERE c.capacity > 0 AND s.sold_so_far >= c.capacity) AS sold_out_at
    FROM (
        SELECT r.decided_at,
               sum(r.quantity) OVER (ORDER BY r.decided_at, r.__connect_partition, r.__connect_offset) AS sold_so_far
        FROM reservation_events r
        WHERE r.event_id = c.event_id AND r.section_id = c.section_id AND r.type = 'SOLD'
    ) s
) t ON true
-- When buyers first found nothing left to hold (a hold took the section's last free unit): the sell-out buyers see,
-- though an expired or cancelled hold may free units again afterwards (index reservation_events_last_unit).
LEFT JOIN LATERAL (
    SELECT min(r.decided_at) AS unavailable_at
    FROM reservation_events r
    WHERE r.event_id = c.event_id AND r.section_id = c.section_id AND r.type = 'HELD' AND r.available = 0
) u ON true;

-- One row per order that was ever held: when, and how the hold ended (PAID, EXPIRED, CANCELLED, or still HELD).
CREATE OR REPLACE VIEW order_outcomes AS
WITH holds AS (
    SELECT DISTINCT ON (order_id) order_id, event_id, buyer_id, decided_at AS held_at, total_minor, currency,
           (SELECT coalesce(sum((item ->> 'quantity')::int), 0) FROM json_array_elements(items) item) AS tickets
    FROM order_events
    WHERE type = 'HELD'
    ORDER BY order_id, decided_at
), ends AS (
    SELECT DISTINCT ON (order_id) order_id, type, decided_at AS ended_at
    FROM order_events
    WHERE type IN ('CONFIRMED', 'EXPIRED', 'CANCELLED')
    ORDER BY order_id, decided_at
)
SELECT h.event_id, h.order_id, h.buyer_id, h.held_at, h.tickets, h.total_minor, h.currency,
       CASE e.type WHEN 'CONFIRMED' THEN 'PAID' WHEN 'EXPIRED' THEN 'EXPIRED' WHEN 'CANCELLED' THEN 'CANCELLED'
                   ELSE 'HELD' END AS outcome,
       e.ended_at,
       e.ended_at - h.held_at AS held_for
FROM holds h
LEFT JOIN ends e USING (order_id);

-- Holds that expired vs paid, per event.
CREATE OR REPLACE VIEW hold_outcomes AS
SELECT event_id,
       count(*)                                        AS holds,
       count(*) FILTER (WHERE outcome = 'PAID')        AS paid,
       count(*) FILTER (WHERE outcome = 'EXPIRED')     AS expired,
       count(*) FILTER (WHERE outcome = 'CANCELLED')   AS cancelled,
       count(*) FILTER (WHERE outcome = 'HELD')        AS still_held,
       sum(tickets) FILTER (WHERE outcome = 'PAID')    AS tickets_paid,
       sum(tickets) FILTER (WHERE outcome = 'EXPIRED') AS tickets_expired
FROM order_outcomes
GROUP BY event_id;

-- One row per payment attempt: the gateway's authorization, then capture (paid) or void (the confirm lost) or failure.
CREATE OR REPLACE VIEW payments AS
SELECT p.payment_id,
       min(p.order_id)                                           AS order_id,
       min(p.buyer_id)                                           AS buyer_id,
       (SELECT o.event_id FROM orders o WHERE o.order_id = min(p.order_id)) AS event_id,
       max(p.amount_minor)                                       AS amount_minor,
       min(p.occurred_at) FILTER (WHERE p.status = 'AUTHORIZED') AS authorized_at,
       min(p.occurred_at) FILTER (WHERE p.status = 'CAPTURED')   AS captured_at,
       min(p.occurred_at) FILTER (WHERE p.status = 'VOIDED')     AS voided_at,
       min(p.occurred_at) FILTER (WHERE p.status = 'FAILED')     AS failed_at
FROM payment_events p
GROUP BY p.payment_id;

-- Payment latency percentiles per minute: authorization recorded → capture recorded (the engine's confirm and the
-- capture call), by the minute of the capture. The gateway's authorization call itself happens before the first
-- record and is measured by the edge (onsale.payments.gateway), not here.
CREATE OR REPLACE VIEW payment_latency_per_minute AS
SELECT event_id,
       date_trunc('minute', captured_at) AS minute,
       count(*)                          AS payments,
       round((percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM captured_at - authorized_at)))::numeric * 1000) AS p50_ms,
       round((percentile_cont(0.90) WITHIN GROUP (ORDER BY extract(epoch FROM captured_at - authorized_at)))::numeric * 1000) AS p90_ms,
       round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM captured_at - authorized_at)))::numeric * 1000) AS p99_ms,
       round(max(extract(epoch FROM captured_at - authorized_at))::numeric * 1000)                                         AS max_ms
FROM payments
WHERE captured_at IS NOT NULL AND authorized_at IS NOT NULL
GROUP BY event_id, date_trunc('minute', captured_at);

-- Waiting-room arrivals and admissions per minute: a first join is an arrival (and an admission when it passed
-- straight through); an ADMITTED batch admits 'admitted' buyers at once.
CREATE OR REPLACE VIEW waiting_room_per_minute AS
SELECT event_id, minute, sum(arrivals) AS arrivals, sum(admissions) AS admissions
FROM (
    SELECT event_id, date_trunc('minute', decided_at) AS minute, 1 AS arrivals,
           CASE WHEN admitted_at IS NOT NULL THEN 1 ELSE 0 END AS admissions
    FROM queue_events
    WHERE type = 'JOINED' AND NOT coalesce(duplicate, false)
    UNION ALL
    SELECT event_id, date_trunc('minute', decided_at), 0, admitted
    FROM queue_events
    WHERE type = 'ADMITTED'
) steps
GROUP BY event_id, minute;

-- One row per buyer and event: joined → admitted → first hold → paid, with the time of each step and the outcome.
-- Admission comes from the buyer's own place (passed through, or any later event carrying it) or else from the
-- ADMITTED batch whose positions cover the buyer's; a pre-sale buyer's position is known once an event of theirs
-- shows it (after the draw). Buyers of an event without a waiting room have no join: outcome starts at the hold.
CREATE OR REPLACE VIEW buyer_funnel AS
WITH places AS (
    SELECT event_id, buyer_id,
           min(decided_at) FILTER (WHERE type = 'JOINED') AS joined_at,
           max(position)                                  AS position,
           min(admitted_at)                               AS admitted_at
    FROM queue_events
    WHERE buyer_id IS NOT NULL AND type IN ('JOINED', 'LEFT', 'SLOT_RELEASED')
    GROUP BY event_id, buyer_id
), queued AS (
    -- Only for a buyer without an admission of their own (still waiting, or admitted and not yet released): the
    -- batches whose positions cover theirs, found through the index queue_events_admitted_positions (the range
    -- test picks the candidates, BETWEEN decides), not by reading every batch for every buyer.
    SELECT p.event_id, p.buyer_id, p.joined_at,
           coalesce(p.admitted_at,
                    (SELECT min(a.decided_at) FROM queue_events a
                     WHERE a.type = 'ADMITTED' AND a.event_id = p.event_id
                       AND int8range(a.from_position, a.to_position, '[]') @> p.position
                       AND p.position BETWEEN a.from_position AND a.to_position)) AS admitted_at
    FROM places p
), bought AS (
    SELECT event_id, buyer_id,
           min(decided_at) FILTER (WHERE type = 'HELD')      AS first_hold_at,
           min(decided_at) FILTER (WHERE type = 'CONFIRMED') AS paid_at
    FROM order_events
    GROUP BY event_id, buyer_id
)
SELECT event_id, buyer_id, q.joined_at, q.admitted_at, b.first_hold_at, b.paid_at,
       CASE WHEN b.paid_at IS NOT NULL       THEN 'PAID'
            WHEN b.first_hold_at IS NOT NULL THEN 'HELD_NOT_PAID'
            WHEN q.admitted_at IS NOT NULL   THEN 'ADMITTED_NO_HOLD'
            WHEN q.joined_at IS NOT NULL     THEN 'NOT_ADMITTED'
            ELSE 'NO_HOLD'
       END                           AS outcome,
       q.admitted_at - q.joined_at   AS waited,
       b.first_hold_at - q.admitted_at AS admitted_to_hold,
       b.paid_at - b.first_hold_at   AS hold_to_paid
FROM queued q
FULL JOIN bought b USING (event_id, buyer_id);

-- Conversion per step of the funnel, per event.
CREATE OR REPLACE VIEW funnel_conversion AS
SELECT event_id,
       count(joined_at)     AS joined,
       count(admitted_at)   AS admitted,
       count(first_hold_at) AS held,
       count(paid_at)       AS paid,
       round(count(admitted_at)::numeric   / nullif(count(joined_at), 0), 4)     AS admitted_of_joined,
       round(count(first_hold_at)::numeric / nullif(count(admitted_at), 0), 4)   AS held_of_admitted,
       round(count(paid_at)::numeric       / nullif(count(first_hold_at), 0), 4) AS paid_of_held,
       round(count(paid_at)::numeric       / nullif(count(joined_at), 0), 4)     AS paid_of_joined
FROM buyer_funnel
GROUP BY event_id;

-- How fresh the warehouse is: one row per landed decision, with its time on the broker (kafka_timestamp, the record's
-- timestamp), the decision's own time, and when PostgreSQL inserted it. Rows landed before these columns existed
-- have no kafka_timestamp.
CREATE OR REPLACE VIEW landing_lag AS
SELECT 'order_events' AS source, event_id, decided_at, kafka_timestamp, landed_at,
       landed_at - kafka_timestamp AS lag
FROM order_events
UNION ALL
SELECT 'reservation_events', event_id, decided_at, kafka_timestamp, landed_at, landed_at - kafka_timestamp
FROM reservation_events
UNION ALL
SELECT 'queue_events', event_id, decided_at, kafka_timestamp, landed_at, landed_at - kafka_timestamp
FROM queue_events
UNION ALL
SELECT 'payment_events', o.event_id, p.occurred_at, p.kafka_timestamp, p.landed_at, p.landed_at - p.kafka_timestamp
FROM payment_events p
LEFT JOIN orders o USING (order_id);
