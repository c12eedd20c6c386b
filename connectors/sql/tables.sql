-- The warehouse's tables, one per sink connector (connectors/sinks/*.json), created before the sinks run so the
-- analyst views (views.sql) exist from the start. Columns are the converter's (PlatformRecordConverter): Avro field
-- names in snake_case, nested records flattened (policy_*), arrays as json, enums as text, times as UTC timestamps.
-- The sinks add any column a later schema version brings (schema.evolution=basic); WarehouseIT checks that they
-- did not have to add one to these. Idempotent: applied by every './ticketing warehouse start'.
--
-- Log tables (one row per Kafka record, upserted by its coordinates so a redelivery rewrites the same row):
-- order_events, reservation_events, queue_events, payment_events, dead_letters.
-- State tables (one row per key, the latest record wins): orders (by order_id), queue_progress and event_catalog
-- (by event_id).

CREATE TABLE IF NOT EXISTS order_events (
    __connect_topic     text    NOT NULL,
    __connect_partition integer NOT NULL,
    __connect_offset    bigint  NOT NULL,
    request_id      text      NOT NULL,
    type            text      NOT NULL,
    order_id        text      NOT NULL,
    event_id        text      NOT NULL,
    buyer_id        text      NOT NULL,
    decided_at      timestamp NOT NULL,
    items           json,
    hold_expires_at timestamp,
    total_minor     bigint,
    currency        text,
    reason          text,
    alternatives    json,
    PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset)
);

CREATE TABLE IF NOT EXISTS orders (
    request_id      text      NOT NULL,
    type            text      NOT NULL,
    order_id        text      NOT NULL PRIMARY KEY,
    event_id        text      NOT NULL,
    buyer_id        text      NOT NULL,
    decided_at      timestamp NOT NULL,
    items           json,
    hold_expires_at timestamp,
    total_minor     bigint,
    currency        text,
    reason          text,
    alternatives    json
);

CREATE TABLE IF NOT EXISTS reservation_events (
    __connect_topic     text    NOT NULL,
    __connect_partition integer NOT NULL,
    __connect_offset    bigint  NOT NULL,
    request_id      text      NOT NULL,
    type            text      NOT NULL,
    event_id        text      NOT NULL,
    section_id      text      NOT NULL,
    unit_id         text      NOT NULL,
    decided_at      timestamp NOT NULL,
    hold_id         text,
    buyer_id        text,
    order_id        text,
    quantity        integer,
    hold_expires_at timestamp,
    reason          text,
    available       integer,
    price_minor     bigint,
    currency        text,
    PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset)
);

CREATE TABLE IF NOT EXISTS queue_events (
    __connect_topic     text    NOT NULL,
    __connect_partition integer NOT NULL,
    __connect_offset    bigint  NOT NULL,
    request_id              text,
    type                    text      NOT NULL,
    event_id                text      NOT NULL,
    decided_at              timestamp NOT NULL,
    serving_counter         bigint,
    buyer_id                text,
    status                  text,
    position                bigint,
    presale_number          bigint,
    duplicate               boolean,
    admitted_at             timestamp,
    window_ends_at          timestamp,
    from_position           bigint,
    to_position             bigint,
    admitted                bigint,
    mode                    text,
    previous_mode           text,
    reason                  text,
    presale_count           bigint,
    presale_seed            text,
    presale_seed_commitment text,
    policy_activation_threshold      integer,
    policy_max_admit_rate_per_second integer,
    policy_target_active_shoppers    integer,
    policy_purchase_window_minutes   integer,
    paused                  boolean,
    PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset)
);

CREATE TABLE IF NOT EXISTS queue_progress (
    event_id                text      NOT NULL PRIMARY KEY,
    serving_counter         bigint    NOT NULL,
    last_position           bigint    NOT NULL,
    waiting                 bigint    NOT NULL,
    active_shoppers         bigint,
    mode                    text      NOT NULL,
    admit_rate_per_second   double precision,
    sold_out                boolean,
    updated_at              timestamp NOT NULL,
    paused                  boolean,
    policy_activation_threshold      integer,
    policy_max_admit_rate_per_second integer,
    policy_target_active_shoppers    integer,
    policy_purchase_window_minutes   integer,
    sale_opens_at           timestamp,
    presale_count           bigint,
    presale_seed_commitment text,
    presale_seed            text,
    admitted_total          bigint,
    last_admitted_at        timestamp,
    admit_limit_per_second  integer,
    slowed_because          text
);

CREATE TABLE IF NOT EXISTS payment_events (
    __connect_topic     text    NOT NULL,
    __connect_partition integer NOT NULL,
    __connect_offset    bigint  NOT NULL,
    payment_id       text      NOT NULL,
    order_id         text      NOT NULL,
    buyer_id         text      NOT NULL,
    status           text      NOT NULL,
    amount_minor     bigint    NOT NULL,
    currency         text,
    reason           text,
    occurred_at      timestamp NOT NULL,
    authorization_id text,
    PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset)
);

CREATE TABLE IF NOT EXISTS event_catalog (
    event_id            text      NOT NULL PRIMARY KEY,
    name                text      NOT NULL,
    venue               text      NOT NULL,
    sale_opens_at       timestamp NOT NULL,
    currency            text,
    hold_window_minutes integer,
    per_buyer_limit     integer,
    sections            json      NOT NULL,
    queue_policy_activation_threshold      integer,
    queue_policy_max_admit_rate_per_second integer,
    queue_policy_target_active_shoppers    integer,
    queue_policy_purchase_window_minutes   integer,
    owner               text
);

-- Every dead letter of every <topic>-dlq: the platform's (dlq.* headers) and the sinks' own (__connect.errors.*).
CREATE TABLE IF NOT EXISTS dead_letters (
    __connect_topic     text    NOT NULL,
    __connect_partition integer NOT NULL,
    __connect_offset    bigint  NOT NULL,
    dead_letter_topic text NOT NULL,
    reason            text,
    error_class       text,
    error_message     text,
    error_stacktrace  text,
    source_topic      text,
    source_partition  integer,
    source_offset     bigint,
    failed_in         text,
    value_size        integer,
    value_bytes       bytea,
    PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset)
);

-- Freshness of the decision logs: kafka_timestamp is the record's timestamp on the broker (an InsertField transform
-- of the sink, connectors/sinks/*.json), landed_at the moment PostgreSQL inserted the row (the sink's insert, not
-- rewritten by a redelivery's upsert, which names only the record's columns). landed_at - kafka_timestamp is how
-- long a decision took to reach the warehouse (view landing_lag). Added by ALTER so a warehouse created before
-- them gains them on its next start.
-- Health-aware admission (QueueProgress v3): the admit rate in force and why it is slowed, on warehouses made before.
ALTER TABLE queue_progress     ADD COLUMN IF NOT EXISTS admit_limit_per_second integer;
ALTER TABLE queue_progress     ADD COLUMN IF NOT EXISTS slowed_because text;
ALTER TABLE order_events       ADD COLUMN IF NOT EXISTS kafka_timestamp timestamp;
ALTER TABLE reservation_events ADD COLUMN IF NOT EXISTS kafka_timestamp timestamp;
ALTER TABLE queue_events       ADD COLUMN IF NOT EXISTS kafka_timestamp timestamp;
ALTER TABLE payment_events     ADD COLUMN IF NOT EXISTS kafka_timestamp timestamp;
ALTER TABLE order_events       ADD COLUMN IF NOT EXISTS landed_at timestamp NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');
ALTER TABLE reservation_events ADD COLUMN IF NOT EXISTS landed_at timestamp NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');
ALTER TABLE queue_events       ADD COLUMN IF NOT EXISTS landed_at timestamp NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');
ALTER TABLE payment_events     ADD COLUMN IF NOT EXISTS landed_at timestamp NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');
-- The organizer who owns the event (EventConfig v3), null for events configured before owners were recorded.
ALTER TABLE event_catalog      ADD COLUMN IF NOT EXISTS owner text;
-- The payment that confirmed the order, or is confirming it (OrderEvent v2): the first CONFIRM of an order wins.
ALTER TABLE order_events       ADD COLUMN IF NOT EXISTS payment_id text;
ALTER TABLE orders             ADD COLUMN IF NOT EXISTS payment_id text;
-- When a buyer refused RELEASE_LIMIT or RELEASE_COOLDOWN may hold again (OrderEvent v3, ADR 0018).
ALTER TABLE order_events       ADD COLUMN IF NOT EXISTS retry_at timestamp;
ALTER TABLE orders             ADD COLUMN IF NOT EXISTS retry_at timestamp;
-- Why an order was refused or ended, typed (OrderEvent v4, ADR 0021); the same symbol as reason, null before v4.
ALTER TABLE order_events       ADD COLUMN IF NOT EXISTS reason_code text;
ALTER TABLE orders             ADD COLUMN IF NOT EXISTS reason_code text;
-- Why the waiting room refused a command or released a slot, typed (QueueEvent v2, ADR 0022): the same symbol as
-- reason, and an invalid policy's problems apart from it; null before v2.
ALTER TABLE queue_events       ADD COLUMN IF NOT EXISTS reason_code text;
ALTER TABLE queue_events       ADD COLUMN IF NOT EXISTS reason_detail text;

-- Indexes for the analyst views (views.sql), measured on a large sale (connectors/README.md, "Query times"). Here,
-- after every CREATE TABLE and ALTER above, so the columns exist however the table came to be: created by this file
-- on a fresh warehouse, or by a sink (schema.evolution=basic creates a missing table with the same columns) before
-- this file was applied again. Partial, so they stay small and cost the sinks' inserts little: only the decisions
-- the views look up by section or position are indexed.
--
-- section_sell_out: a section's SOLD decisions in the order of its running total (no sort, no full scan) ...
CREATE INDEX IF NOT EXISTS reservation_events_sold
    ON reservation_events (event_id, section_id, decided_at, __connect_partition, __connect_offset)
    INCLUDE (quantity)
    WHERE type = 'SOLD';
-- ... and the first hold that took its last free unit.
CREATE INDEX IF NOT EXISTS reservation_events_last_unit
    ON reservation_events (event_id, section_id, decided_at)
    WHERE type = 'HELD' AND available = 0;
-- buyer_funnel: the ADMITTED batch whose positions cover a buyer's, for buyers without an admission of their own.
CREATE INDEX IF NOT EXISTS queue_events_admitted_positions
    ON queue_events USING gist (int8range(from_position, to_position, '[]'))
    WHERE type = 'ADMITTED';
