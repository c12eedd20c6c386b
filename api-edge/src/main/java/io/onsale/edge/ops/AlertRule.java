package io.onsale.edge.ops;

import java.time.Duration;

/**
 * One anomaly the edge watches for, named as its Prometheus twin in ops/prometheus/alerts.yml.
 *
 * @param forDuration how long the condition must hold, evaluation after evaluation, before the alert fires
 */
record AlertRule(String name, Severity severity, Duration forDuration) {

    enum Severity {
        PAGE,
        WARN
    }

    AlertRule {
        if (forDuration.isNegative()) {
            throw new IllegalArgumentException(name + ": 'for' must not be negative");
        }
    }
}
