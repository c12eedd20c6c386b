package io.onsale.edge.queue;

/** What a buyer's ticket means right now. */
enum QueueState {
    /** Joined before the sale opened; the draw at opening gives the position. */
    PRE_SALE,
    /** Has a position the serving counter has not reached (paused rooms wait too). */
    WAITING,
    /** Served: the purchase window is open, the admission token lets the buyer order. */
    ADMITTED,
    /** Served, but the purchase window has ended. */
    EXPIRED,
    /** The event sold out before the buyer was served. */
    SOLD_OUT
}
