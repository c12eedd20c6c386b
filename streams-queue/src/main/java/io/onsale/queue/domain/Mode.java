package io.onsale.queue.domain;

/** What a buyer arriving now would meet. */
public enum Mode {
    /** Before sale open: joins get pre-sale tickets, drawn at opening. */
    PRE_SALE,
    /** Nobody waits and active shoppers are under the activation threshold: joins are admitted at once. */
    PASS_THROUGH,
    /** Buyers wait for their position to be served. */
    QUEUING,
    /** The organizer paused admission. */
    PAUSED,
    /** No inventory left: nobody is admitted until it comes back. */
    SOLD_OUT
}
