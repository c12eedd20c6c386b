package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.Problem;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Everything the simulation counts, safe to record from the HTTP client's threads: a latency histogram per step (in
 * microseconds, 3 significant digits, up to 10 minutes) and a counter per outcome.
 */
final class Metrics {

    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** Seconds after the opening that the held-per-second timeline covers. */
    static final int TIMELINE_SECONDS = 3_600;

    /** Outcomes counted by name; the report lists them in this order. */
    enum Count {
        ARRIVED("buyers arrived"),
        FINISHED("buyers finished"),
        QUEUE_JOINED("joined the waiting room"),
        QUEUE_WAITED("of those, waited (not admitted when they joined)"),
        QUEUE_ADMITTED("admitted by the waiting room"),
        QUEUE_SOLD_OUT("left the waiting room told SOLD_OUT"),
        QUEUE_EXPIRED("left the waiting room told EXPIRED (window over)"),
        QUEUE_LOST("left the waiting room without a usable status"),
        ORDERS_SENT("orders placed (first tries)"),
        HELD("held (201)"),
        TICKETS_HELD("tickets held"),
        REJECTED("rejected (409)"),
        PENDING("pending answers (202), retried with the same key"),
        ALTERNATIVES_OFFERED("refusals offering alternatives"),
        ALTERNATIVES_TAKEN("alternatives taken"),
        HELD_VIA_ALTERNATIVE("held via an alternative"),
        BEST_AVAILABLE_FALLBACK("best-available after a lost race"),
        GAVE_UP("gave up without tickets"),
        KEPT("holds kept without paying (--payments off)"),
        PAID("orders paid: CONFIRMED (200)"),
        TICKETS_SOLD("tickets sold (confirmed)"),
        DECLINED("payments declined (402)"),
        PAID_AGAIN("of those, paid again with another method"),
        PAYMENT_EXPIRED("payments refused: hold expired (409 HOLD_EXPIRED)"),
        PAYMENT_UNCERTAIN("payments without a clear answer"),
        CANCELLED("holds cancelled (DELETE)"),
        LEFT("holds left to expire"),
        EXPIRED("holds expired"),
        TICKETS_RELEASED("tickets given back (cancelled, or expired at payment)"),
        CLIENT_ERRORS("4xx other than 409"),
        SERVER_ERRORS("5xx"),
        TIMEOUTS("timeouts"),
        TRANSPORT_ERRORS("connection errors"),
        UNRESOLVED("orders without a decision when the buyer stopped"),
        RESOLVED_LATE("of those, decided when asked again at the end"),
        NEVER_PLACED("of those, shed every time and never placed (no order under the key after the window)"),
        HELD_UNBEKNOWN("of those, held although the buyer never heard (stranded holds)"),
        TICKETS_HELD_UNBEKNOWN("tickets in stranded holds");

        final String label;

        Count(String label) {
            this.label = label;
        }
    }

    private final Map<Step, Histogram> latency = new EnumMap<>(Step.class);
    private final Map<Count, LongAdder> counts = new EnumMap<>(Count.class);
    private final Map<String, LongAdder> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<Step, LongAdder> timeoutsByStep = new EnumMap<>(Step.class);
    private final Map<Step, LongAdder> transportErrorsByStep = new EnumMap<>(Step.class);
    private final Map<Integer, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> serverErrors = new ConcurrentHashMap<>();
    private final AtomicLongArray ticketsHeldPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
    private final AtomicLongArray refusedPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
    private final AtomicLongArray ticketsSoldPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
    private final SampledSeries queueLength = new SampledSeries(TIMELINE_SECONDS);

    Metrics() {
        for (Step step : Step.values()) {
            latency.put(step, new ConcurrentHistogram(1, MAX_MICROS, 3));
        }
        for (Count count : Count.values()) {
            counts.put(count, new LongAdder());
        }
        for (Step step : Step.values()) {
            timeoutsByStep.put(step, new LongAdder());
            transportErrorsByStep.put(step, new LongAdder());
        }
    }

    void record(Step step, long nanos) {
        latency.get(step).recordValue(Math.max(1, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    void add(Count count) {
        counts.get(count).increment();
    }

    void add(Count count, long amount) {
        counts.get(count).add(amount);
    }

    long get(Count count) {
        return counts.get(count).sum();
    }

    void rejected(String reason, long secondAfterOpening) {
        add(Count.REJECTED);
        rejectedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        at(refusedPerSecond, secondAfterOpening, 1);
    }

    void heldTickets(int tickets, long secondAfterOpening) {
        add(Count.TICKETS_HELD, tickets);
        at(ticketsHeldPerSecond, secondAfterOpening, tickets);
    }

    /** Counted in the second the payment was confirmed, not the second of the hold, to show when money came in. */
    void soldTickets(int tickets, long secondAfterOpening) {
        add(Count.TICKETS_SOLD, tickets);
        at(ticketsSoldPerSecond, secondAfterOpening, tickets);
    }

    /**
     * Buyers in the waiting room right now: joined and not yet gone out of it (admitted, told SOLD_OUT or EXPIRED, or
     * lost). Read from counters updated from several threads, so a reading can be a moment stale, never negative.
     */
    long inWaitingRoom() {
        return Math.max(
                0,
                get(Count.QUEUE_JOINED)
                        - get(Count.QUEUE_ADMITTED)
                        - get(Count.QUEUE_SOLD_OUT)
                        - get(Count.QUEUE_EXPIRED)
                        - get(Count.QUEUE_LOST));
    }

    void sampleQueueLength(long nanosAfterOpening) {
        queueLength.sample(nanosAfterOpening, inWaitingRoom());
    }

    /** A call with no answer (a timeout or a connection error), by the step it was for. */
    void failed(Step step, Count kind) {
        add(kind);
        (kind == Count.TIMEOUTS ? timeoutsByStep : transportErrorsByStep)
                .get(step)
                .increment();
    }

    Map<Step, Long> timeoutsByStep() {
        return nonZero(timeoutsByStep);
    }

    Map<Step, Long> transportErrorsByStep() {
        return nonZero(transportErrorsByStep);
    }

    private static Map<Step, Long> nonZero(Map<Step, LongAdder> byStep) {
        Map<Step, Long> copy = new EnumMap<>(Step.class);
        byStep.forEach((step, n) -> {
            if (n.sum() > 0) {
                copy.put(step, n.sum());
            }
        });
        return copy;
    }

    /**
     * An error status the edge answered at a step, counted by status; a 5xx also by step, the problem's kind and whether
     * it said when to come back ({@code Retry-After}): what tells a 503 of a broker away from a 500 of a bug.
     */
    void httpError(Step step, int status, Problem problem, Duration retryAfter) {
        add(status >= 500 ? Count.SERVER_ERRORS : Count.CLIENT_ERRORS);
        errorsByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status >= 500) {
            String kind = problem == null ? "status " + status : problem.kind();
            serverErrors
                    .computeIfAbsent(
                            step.name().toLowerCase() + " " + status + " " + kind
                                    + (retryAfter.isZero() ? " without Retry-After" : ""),
                            key -> new LongAdder())
                    .increment();
        }
    }

    void httpError(Step step, OrderOutcome.Failed failed) {
        httpError(step, failed.status(), failed.problem(), failed.retryAfter());
    }

    private static void at(AtomicLongArray timeline, long second, long amount) {
        timeline.addAndGet((int) Math.max(0, Math.min(TIMELINE_SECONDS - 1, second)), amount);
    }

    /** A copy of a step's histogram, to read percentiles from while recording goes on. */
    Histogram latency(Step step) {
        return latency.get(step).copy();
    }

    Map<String, Long> rejectedByReason() {
        Map<String, Long> copy = new TreeMap<>();
        rejectedByReason.forEach((reason, n) -> copy.put(reason, n.sum()));
        return copy;
    }

    Map<Integer, Long> errorsByStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        errorsByStatus.forEach((status, n) -> copy.put(status, n.sum()));
        return copy;
    }

    /** 5xx answers by "step status kind", with " without Retry-After" when the edge did not say when to come back. */
    Map<String, Long> serverErrors() {
        Map<String, Long> copy = new TreeMap<>();
        serverErrors.forEach((key, n) -> copy.put(key, n.sum()));
        return copy;
    }

    /** Tickets held in each second after the opening, up to the last second with any. */
    long[] ticketsHeldPerSecond() {
        return trimmed(ticketsHeldPerSecond);
    }

    long[] refusedPerSecond() {
        return trimmed(refusedPerSecond);
    }

    /** Tickets confirmed by payment in each second after the opening, up to the last second with any. */
    long[] ticketsSoldPerSecond() {
        return trimmed(ticketsSoldPerSecond);
    }

    /** Buyers in the waiting room at each whole second after the opening, up to the last sample. */
    long[] queueLengthPerSecond() {
        return queueLength.values();
    }

    private static long[] trimmed(AtomicLongArray timeline) {
        int last = -1;
        for (int i = 0; i < timeline.length(); i++) {
            if (timeline.get(i) != 0) {
                last = i;
            }
        }
        long[] copy = new long[last + 1];
        for (int i = 0; i <= last; i++) {
            copy[i] = timeline.get(i);
        }
        return copy;
    }
}
