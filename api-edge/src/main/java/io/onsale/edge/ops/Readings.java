package io.onsale.edge.ops;

/**
 * The series a {@link Sample} holds: what {@link MeterReadings} sums the edge's meters to, and what the dashboard's
 * charts and the alert rules read. Counters are cumulative; the label says what a series is split by.
 */
final class Readings {

    /** Waiting-room joins this instance answered, by outcome: JOINED, DUPLICATE, REJECTED, PENDING. */
    static final String JOINS = "joins";
    /** Orders placed through this instance (holds) answered, by outcome: HELD, REJECTED, PENDING. */
    static final String HOLDS = "holds";
    /** Answers of this instance by status class (2xx … 5xx), the fast routes' included. */
    static final String ANSWERS = "answers";
    /** Payment gateway calls, by call (authorize, capture, void); and those that failed (timeouts, errors). */
    static final String GATEWAY_CALLS = "gateway.calls";

    static final String GATEWAY_FAILURES = "gateway.failures";
    /** Payments recorded, by status (AUTHORIZED, CAPTURED, VOIDED, FAILED). */
    static final String PAYMENTS = "payments";
    /** Orders the engine ended on this instance's tasks, by how: confirmed, expired, cancelled. */
    static final String ORDERS_ENDED = "orders.ended";
    /** Requests shed with 503, by route. */
    static final String SHED = "shed";

    /** Per event: buyers waiting, shoppers admitted and their target, the observed admit rate, the serving counter,
     * the highest position handed out, and 1 while the room is QUEUING (0 in any other mode). */
    static final String QUEUE_WAITING = "queue.waiting";

    static final String QUEUE_SHOPPERS = "queue.shoppers";
    static final String QUEUE_TARGET = "queue.target";
    static final String QUEUE_ADMIT_RATE = "queue.admit.rate";
    static final String QUEUE_SERVING = "queue.serving";
    static final String QUEUE_LAST_POSITION = "queue.last.position";
    static final String QUEUE_QUEUING = "queue.queuing";
    /** Per {@code event/section}: tickets available and sold. */
    static final String TICKETS_LEFT = "tickets.left";

    static final String TICKETS_SOLD = "tickets.sold";
    /** Per Streams app (reservations, waiting-room): records behind on its inputs (this instance's consumers), its
     * client's state (KafkaStreams.State ordinal), and the instances in its group. */
    static final String LAG = "lag";

    static final String STREAMS_STATE = "streams.state";
    static final String STREAMS_INSTANCES = "streams.instances";
    /** Per dead-letter topic: records ever written. */
    static final String DEAD_LETTERS = "dead.letters";

    /** Histograms (seconds): a hold's answer; a gateway call, by call. */
    static final String HOLD_LATENCY = "hold.latency";

    static final String GATEWAY_LATENCY = "gateway.latency";

    /** KafkaStreams.State ordinals: the only one that serves is RUNNING. */
    static final int RUNNING = 2;

    static final String[] STREAMS_STATES = {
        "CREATED", "REBALANCING", "RUNNING", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"
    };

    private Readings() {}
}
