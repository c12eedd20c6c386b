package io.onsale.edge.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Whether the waits we promised came true: the first ETA range quoted for a position is kept, and when the batch
 * covering that position is admitted, the real wait (admission − quote) is judged against the range. Plain Java;
 * {@link QueueMetrics} turns the verdicts into meters.
 *
 * <p>Only the first quote per position counts: it is the promise a buyer remembers, and the hardest one to keep.
 * Memory is bounded: at most {@code maxQuotesPerEvent} open quotes per event (later positions go unjudged when full),
 * and quotes older than {@code forgetAfter} (the buyer left, the sale sold out) are dropped.
 */
final class EtaAccuracy {

    /** An ETA is a whole number of seconds read from progress published about once a second: allow a second. */
    static final long TOLERANCE_SECONDS = 1;

    enum Outcome {
        WITHIN,
        EARLY,
        LATE
    }

    /**
     * @param errorSeconds how far the real wait was from the middle of the range (absolute)
     * @param waitSeconds  the real wait from the quote to the admission
     */
    record Verdict(String eventId, long position, Outcome outcome, double errorSeconds, double waitSeconds) {}

    private record Quote(Instant at, long minSeconds, long maxSeconds) {}

    private final Map<String, ConcurrentSkipListMap<Long, Quote>> quotes = new ConcurrentHashMap<>();
    private final int maxQuotesPerEvent;
    private final Duration forgetAfter;

    EtaAccuracy(int maxQuotesPerEvent, Duration forgetAfter) {
        this.maxQuotesPerEvent = maxQuotesPerEvent;
        this.forgetAfter = forgetAfter;
    }

    /** A status answered a waiting buyer with this range; only the position's first quote is kept. */
    void quoted(String eventId, long position, Instant at, QueueStatus.Eta eta) {
        if (eta == null) {
            return;
        }
        ConcurrentSkipListMap<Long, Quote> open = quotes.computeIfAbsent(eventId, id -> new ConcurrentSkipListMap<>());
        if (open.size() >= maxQuotesPerEvent || open.containsKey(position)) {
            return;
        }
        open.putIfAbsent(position, new Quote(at, eta.minSeconds(), eta.maxSeconds()));
    }

    /** Positions {@code from..to} were admitted at {@code admittedAt}: judge every quote among them, and forget them. */
    List<Verdict> admitted(String eventId, long from, long to, Instant admittedAt) {
        ConcurrentSkipListMap<Long, Quote> open = quotes.get(eventId);
        if (open == null) {
            return List.of();
        }
        List<Verdict> verdicts = new ArrayList<>();
        ConcurrentNavigableMap<Long, Quote> covered = open.headMap(to, true);
        for (Map.Entry<Long, Quote> entry : covered.entrySet()) {
            if (!covered.remove(entry.getKey(), entry.getValue()) || entry.getKey() < from) {
                continue; // judged by another thread, or below this batch: a batch this instance never saw
            }
            verdicts.add(judge(eventId, entry.getKey(), entry.getValue(), admittedAt));
        }
        if (open.size() >= maxQuotesPerEvent) {
            // Full: make room from quotes nobody will be admitted for any more (a scan, so only when full).
            Instant horizon = admittedAt.minus(forgetAfter);
            open.values().removeIf(quote -> quote.at().isBefore(horizon));
        }
        return verdicts;
    }

    int open(String eventId) {
        ConcurrentSkipListMap<Long, Quote> open = quotes.get(eventId);
        return open == null ? 0 : open.size();
    }

    private static Verdict judge(String eventId, long position, Quote quote, Instant admittedAt) {
        double wait = Math.max(0, Duration.between(quote.at(), admittedAt).toMillis() / 1000.0);
        Outcome outcome = wait < quote.minSeconds() - TOLERANCE_SECONDS
                ? Outcome.EARLY
                : wait > quote.maxSeconds() + TOLERANCE_SECONDS ? Outcome.LATE : Outcome.WITHIN;
        double middle = (quote.minSeconds() + quote.maxSeconds()) / 2.0;
        return new Verdict(eventId, position, outcome, Math.abs(wait - middle), wait);
    }
}
