package io.onsale.loadgen.simulate;

/** Each kind of call a simulated buyer (or the audit) makes; each gets its own latency histogram. */
enum Step {
    /** GET /api/events/{id}: the event page, when a buyer arrives. */
    EVENT("event page"),
    /** POST /api/events/{id}/queue: joining the waiting room, to its answer (202 retries included). */
    QUEUE_JOIN("queue join"),
    /** GET /api/events/{id}/queue/{ticket}: one status poll. */
    QUEUE_STATUS("queue status"),
    /** DELETE /api/events/{id}/queue/{ticket}: an admitted buyer who gave up frees the shopper slot. */
    QUEUE_LEAVE("queue leave"),
    /** Not a call: from when the join left to the first status that said ADMITTED, as the buyer lived it. */
    QUEUE_WAIT("queue wait (to ADMITTED)"),
    /** POST /api/events/{id}/orders for the buyer's first choice, from when it left to its decision (202 retries included). */
    HOLD("hold"),
    /** POST …/orders for an alternative the engine offered, or best-available after a lost race. */
    ALTERNATIVE("hold (alternative)"),
    /** GET /api/orders/{id}: the checkout page reading the held order. */
    ORDER_STATUS("order status"),
    /** POST /api/orders/{id}/payment, from when it left to its decision (200, 402 or 409; 202 and 503 retries included). */
    PAYMENT("payment"),
    /** DELETE /api/orders/{id}: a buyer who changes their mind. */
    CANCEL("cancel"),
    /** Waiting for one of the client's in-flight slots (--max-in-flight) before a call leaves: the client's own queue. */
    CLIENT_QUEUE("(client queue wait)"),
    /** GET …/sections/{id}/seats by the audit. */
    AUDIT_SEAT_MAP("audit: seat map"),
    /** GET /api/orders/{id} by the audit, as the order's buyer. */
    AUDIT_ORDER("audit: order");

    final String label;

    Step(String label) {
        this.label = label;
    }
}
