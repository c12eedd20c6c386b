package io.onsale.edge.ops;

import java.util.Map;

/**
 * One rule's verdict for one thing it watches (a gateway call, an event, an app) at one evaluation.
 *
 * @param holds     whether the anomaly is there now
 * @param value     what was measured (seconds, a ratio, records, a state ordinal)
 * @param threshold what it was compared with
 * @param summary   one line an operator reads, with the figures
 */
record AlertCondition(
        AlertRule rule, Map<String, String> labels, boolean holds, double value, double threshold, String summary) {

    AlertCondition {
        labels = Map.copyOf(labels);
    }

    /** Which alert this is: the rule and what it is about. */
    AlertId id() {
        return new AlertId(rule.name(), labels);
    }

    record AlertId(String name, Map<String, String> labels) {}
}
