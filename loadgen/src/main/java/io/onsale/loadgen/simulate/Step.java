package io.onsale.loadgen.simulate;

/** Each kind of call a simulated buyer (or the audit) makes; each gets its own latency histogram. */
enum Step {
    /** GET /api/events/{id}: the event page, when a buyer arrives. */
    EVENT("event page"),
    /** POST /api/events/{id}/orders for the buyer's first choice, from when it left to its decision (202 retries included). */
    HOLD("hold"),
    /** POST …/orders for an alternative the engine offered, or best-available after a lost race. */
    ALTERNATIVE("hold (alternative)"),
    /** GET /api/orders/{id}: the checkout page reading the held order. */
    ORDER_STATUS("order status"),
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
