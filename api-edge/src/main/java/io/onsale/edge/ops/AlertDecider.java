package io.onsale.edge.ops;

import io.onsale.edge.ops.AlertCondition.AlertId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides when an alert fires and when it resolves, from the conditions of each evaluation and the time it was made:
 *
 * <ul>
 *   <li>a condition that starts to hold is pending; it fires once it has held at every evaluation for its rule's
 *       {@code for} (at once when that is zero). A pending condition that stops holding is forgotten: a blip never
 *       fires;</li>
 *   <li>a firing alert resolves once its condition has been clear at every evaluation for {@code clearFor}. A condition
 *       that comes back before then keeps it firing, with no transition: a value hovering at its threshold neither
 *       fires again and again nor resolves between two evaluations;</li>
 *   <li>a condition missing from an evaluation (nothing to measure any more: an event gone) counts as clear.</li>
 * </ul>
 *
 * Time is an input: the same evaluations at the same instants give the same transitions. Not thread-safe: one
 * evaluator calls it; {@link #firing()} returns a copy.
 */
final class AlertDecider {

    private final Duration clearFor;
    private final Map<AlertId, Tracked> tracked = new LinkedHashMap<>();

    AlertDecider(Duration clearFor) {
        if (clearFor.isNegative()) {
            throw new IllegalArgumentException("clearFor must not be negative");
        }
        this.clearFor = clearFor;
    }

    /** An alert that fires now: when its condition began, and the latest figures measured while it held. */
    record Firing(
            AlertRule rule,
            Map<String, String> labels,
            Instant startsAt,
            Instant firingSince,
            double value,
            double threshold,
            String summary) {}

    private static final class Tracked {
        final Instant since;
        AlertCondition last;
        Instant firingSince;
        Instant clearSince;

        Tracked(Instant since, AlertCondition condition) {
            this.since = since;
            this.last = condition;
        }
    }

    /** Takes in one evaluation made at {@code now}; returns the transitions it decided, in the order of its conditions. */
    List<AlertTransition> evaluate(Instant now, List<AlertCondition> conditions) {
        List<AlertTransition> transitions = new ArrayList<>();
        Set<AlertId> seen = new HashSet<>();
        for (AlertCondition condition : conditions) {
            AlertId id = condition.id();
            seen.add(id);
            Tracked alert = tracked.get(id);
            if (condition.holds()) {
                if (alert == null) {
                    alert = new Tracked(now, condition);
                    tracked.put(id, alert);
                }
                alert.last = condition;
                alert.clearSince = null;
                if (alert.firingSince == null
                        && !Duration.between(alert.since, now)
                                .minus(condition.rule().forDuration())
                                .isNegative()) {
                    alert.firingSince = now;
                    transitions.add(transition(alert, condition, AlertTransition.Status.FIRING, now));
                }
            } else if (alert != null) {
                clear(id, alert, condition, now, transitions);
            }
        }
        for (Map.Entry<AlertId, Tracked> entry : new ArrayList<>(tracked.entrySet())) {
            if (!seen.contains(entry.getKey())) {
                clear(entry.getKey(), entry.getValue(), null, now, transitions);
            }
        }
        return transitions;
    }

    /** Alerts firing now, oldest first. */
    List<Firing> firing() {
        Map<AlertId, Firing> firing = new HashMap<>();
        tracked.forEach((id, alert) -> {
            if (alert.firingSince != null) {
                firing.put(
                        id,
                        new Firing(
                                alert.last.rule(),
                                alert.last.labels(),
                                alert.since,
                                alert.firingSince,
                                alert.last.value(),
                                alert.last.threshold(),
                                alert.last.summary()));
            }
        });
        return firing.values().stream()
                .sorted(Comparator.comparing(Firing::firingSince)
                        .thenComparing(alert -> alert.rule().name()))
                .toList();
    }

    private void clear(
            AlertId id, Tracked alert, AlertCondition condition, Instant now, List<AlertTransition> transitions) {
        if (alert.firingSince == null) {
            tracked.remove(id);
            return;
        }
        if (alert.clearSince == null) {
            alert.clearSince = now;
        }
        if (!Duration.between(alert.clearSince, now).minus(clearFor).isNegative()) {
            tracked.remove(id);
            // The figures that cleared it, when there still are any; else the last ones measured while it held.
            AlertCondition last = condition != null ? condition : alert.last;
            transitions.add(transition(alert, last, AlertTransition.Status.RESOLVED, now));
        }
    }

    private static AlertTransition transition(
            Tracked alert, AlertCondition condition, AlertTransition.Status status, Instant now) {
        return new AlertTransition(
                condition.rule(),
                condition.labels(),
                status,
                condition.value(),
                condition.threshold(),
                condition.summary(),
                alert.since,
                now);
    }
}
