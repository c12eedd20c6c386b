package io.onsale.kafka.topics;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * When an answer was decided, by the wall clock of the task that decided it, in a header of the answer's record. Record
 * timestamps cannot say it: a Streams output keeps its input's timestamp (the request's), which is what makes decisions
 * replayable. The edge reads it to tell a buyer's wait apart into produce, decide and commit ({@code Server-Timing}).
 */
public final class DecisionTiming {

    /** Microseconds since the epoch, 8 bytes big-endian. */
    public static final String HEADER = "onsale-decided-at-us";

    private DecisionTiming() {}

    /** A copy of {@code headers} with the decision time set to now. */
    public static Headers stamped(Headers headers) {
        Headers copy = new RecordHeaders(headers == null ? new Header[0] : headers.toArray());
        copy.remove(HEADER);
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        copy.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(micros).array());
        return copy;
    }

    public static OptionalLong decidedAtMicros(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }
}
