package io.onsale.edge.platform;

import java.time.Instant;
import java.util.Locale;

/**
 * Where a buyer's wait for a committed answer went, in microseconds since the epoch by this machine's clocks:
 * received by the edge, acknowledged by Kafka, decided by the engine (its {@code DecisionTiming} header; 0 when the
 * answer has none), seen committed by the edge's follower. Told to the client as {@code Server-Timing}, so one hold
 * shows its own breakdown and {@code bench latency} adds them up.
 */
public record AnswerTiming(long receivedUs, long producedUs, long decidedUs, long seenUs) {

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public AnswerTiming seen(long decidedAtUs, long seenAtUs) {
        return new AnswerTiming(receivedUs, producedUs, decidedAtUs, seenAtUs);
    }

    /** The {@code Server-Timing} header value at the moment the answer is written ({@code answeredUs}). */
    public String serverTiming(long answeredUs) {
        StringBuilder header = new StringBuilder();
        metric(header, "produce", producedUs - receivedUs);
        if (decidedUs > 0) {
            metric(header, "decide", decidedUs - producedUs);
            metric(header, "commit", seenUs - decidedUs);
        } else {
            metric(header, "engine", seenUs - producedUs);
        }
        metric(header, "answer", answeredUs - seenUs);
        metric(header, "edge", answeredUs - receivedUs);
        return header.toString();
    }

    private static void metric(StringBuilder header, String name, long micros) {
        if (!header.isEmpty()) {
            header.append(", ");
        }
        header.append(name).append(";dur=").append(String.format(Locale.ROOT, "%.3f", micros / 1000.0));
    }
}
