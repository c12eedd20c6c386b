package io.onsale.edge.ops;

import java.time.Instant;
import java.util.Map;

/**
 * An alert that started firing, or that resolved.
 *
 * @param startsAt   when its condition began to hold (before the rule's 'for' wait)
 * @param occurredAt when this transition was decided
 */
record AlertTransition(
        AlertRule rule,
        Map<String, String> labels,
        Status status,
        double value,
        double threshold,
        String summary,
        Instant startsAt,
        Instant occurredAt) {

    enum Status {
        FIRING,
        RESOLVED
    }

    AlertTransition {
        labels = Map.copyOf(labels);
    }
}
