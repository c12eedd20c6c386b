package io.onsale.queue.domain;

/** Where one buyer stands in one event's waiting room. */
public enum PlaceStatus {
    /** Joined before sale open; the draw at opening gives the position. */
    PRESALE,
    /** Holds a position above the serving counter. */
    WAITING,
    /** Served: the purchase window is open and occupies a shopper slot. */
    ADMITTED,
    /** Checkout ended (order confirmed, cancelled, expired) or the purchase window closed. */
    DONE,
    /** The buyer left the queue: final, a later join is refused. */
    LEFT;

    /**
     * A live place answers a repeated join with itself; a {@code DONE} one is replaced by a new place at the back; a
     * {@code LEFT} one refuses the join.
     */
    public boolean live() {
        return this == PRESALE || this == WAITING || this == ADMITTED;
    }
}
