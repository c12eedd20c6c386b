package io.onsale.reservations.topology;

import io.onsale.kafka.topics.DecisionTiming;
import org.apache.kafka.streams.processor.api.Record;

/** Answers to buyers leave with the time they were decided ({@link DecisionTiming}). */
final class Answers {

    private Answers() {}

    static <K, V> Record<K, V> stamped(Record<K, V> answer) {
        return answer.withHeaders(DecisionTiming.stamped(answer.headers()));
    }
}
