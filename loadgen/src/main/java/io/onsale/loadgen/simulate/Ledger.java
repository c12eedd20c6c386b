package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What buyers were told: every 201 with the order it named, what the buyer did with it afterwards, and every order
 * that got no decision. The audit compares it with what the edge reads back.
 */
final class Ledger {

    /** What the buyer did after the hold, and so what the order should say now. */
    enum Fate {
        /** Still deciding (checkout page). */
        CHECKING_OUT,
        /** Kept it without paying (payments off). */
        KEPT,
        /** Paid, and the edge said CONFIRMED. */
        PAID,
        /** Paid, but no clear answer came back: HELD, CONFIRMING, CONFIRMED or EXPIRED are all right. */
        PAY_UNCERTAIN,
        /** Walked away (or was declined and gave up): the hold runs until it expires. */
        LEFT,
        /** Cancelled, and the edge said CANCELLED. */
        CANCELLED,
        /** Cancelled, but no clear answer came back: HELD or CANCELLED are both right. */
        CANCEL_UNCERTAIN,
        /** Tried to cancel and was told the hold had expired. */
        EXPIRED
    }

    /** One 201. {@code late}: decided only when asked again at the end. */
    static final class Held {
        final String buyerId;
        final Order order;
        final OrderRequest asked;
        final boolean late;
        volatile Fate fate = Fate.CHECKING_OUT;

        Held(String buyerId, Order order, OrderRequest asked, boolean late) {
            this.buyerId = buyerId;
            this.order = order;
            this.asked = asked;
            this.late = late;
        }
    }

    /**
     * An order sent that got no decision (timeout, connection lost, pending too long): asked again at the end, with
     * the admission token it was sent with (null without a waiting room), since the edge checks admission first.
     */
    /**
     * @param maybePlaced false only when every answer to the key said the edge turned it away before placing it (shed
     *                    503, 429): such an order cannot have been decided, and after the window no order under its key
     *                    is the expected answer
     */
    record Undecided(
            String buyerId,
            String idempotencyKey,
            OrderRequest asked,
            String admissionToken,
            String why,
            boolean maybePlaced) {}

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Queue<Undecided> undecided = new ConcurrentLinkedQueue<>();
    private final Queue<String> duplicates = new ConcurrentLinkedQueue<>();

    void held(String buyerId, Order order, OrderRequest asked, boolean late) {
        Held previous = held.putIfAbsent(order.orderId(), new Held(buyerId, order, asked, late));
        if (previous != null) {
            duplicates.add("order " + order.orderId() + " was answered 201 twice: to " + previous.buyerId + " and to "
                    + buyerId);
        }
    }

    void fate(String orderId, Fate fate) {
        Held entry = held.get(orderId);
        if (entry != null) {
            entry.fate = fate;
        }
    }

    void undecided(Undecided order) {
        undecided.add(order);
    }

    Collection<Held> held() {
        return held.values();
    }

    /** Takes the undecided orders out, for asking again. */
    List<Undecided> drainUndecided() {
        List<Undecided> drained = new ArrayList<>();
        for (Undecided next; (next = undecided.poll()) != null; ) {
            drained.add(next);
        }
        return drained;
    }

    List<String> duplicates() {
        return List.copyOf(duplicates);
    }
}
