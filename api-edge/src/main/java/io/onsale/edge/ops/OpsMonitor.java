package io.onsale.edge.ops;

import io.onsale.edge.ops.DashboardView.ActiveAlert;
import io.onsale.edge.ops.DashboardView.RecentTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The edge watching itself: every second it reads its meters into the sliding window and computes the dashboard's
 * charts; every {@code evaluate-interval} it evaluates the alert rules over the same window, decides transitions and
 * publishes them. Ticked by {@link OpsSchedule} on a thread of its own (a tick may block briefly: the Streams groups
 * are asked with a timeout), never an event loop; the page reads the view it last built.
 */
final class OpsMonitor {

    static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    /** The window the charts and the rules read: the longest rule window (5 min) and a margin. */
    static final Duration HISTORY = Duration.ofMinutes(5);

    private static final int RECENT_TRANSITIONS = 20;

    private final MeterReadings readings;
    private final StreamsGroups groups;
    private final AlertRules rules;
    private final AlertDecider decider;
    private final Optional<AlertPublishing> publishing;
    private final Optional<CheckoutHealthWatch> checkout;
    private final Duration evaluateEvery;
    private final String instance;
    private final Clock clock;
    private final List<String> streamsApps;
    private final SlidingWindow window = new SlidingWindow(HISTORY.plusSeconds(10));
    private final DashboardHistory history;
    private final ArrayDeque<RecentTransition> recent = new ArrayDeque<>();
    private Instant evaluatedAt;
    private volatile DashboardView view;

    /**
     * @param streamsApps the Streams apps this instance runs (none without the embedded engine): the charts of its own
     *                    clients are drawn only for them, as {@code rules} watch only them
     * @param publishing  empty when alerts are off: the charts are drawn, no rule is evaluated
     */
    OpsMonitor(
            MeterReadings readings,
            StreamsGroups groups,
            List<String> streamsApps,
            AlertRules rules,
            AlertDecider decider,
            Optional<AlertPublishing> publishing,
            Optional<CheckoutHealthWatch> checkout,
            Duration evaluateEvery,
            String instance,
            Clock clock) {
        this.readings = readings;
        this.streamsApps = List.copyOf(streamsApps);
        this.history = new DashboardHistory(
                DashboardCharts.forApps(this.streamsApps), (int) (HISTORY.toSeconds() / SAMPLE_EVERY.toSeconds()));
        this.groups = groups;
        this.rules = rules;
        this.decider = decider;
        this.publishing = publishing;
        this.checkout = checkout;
        this.evaluateEvery = evaluateEvery;
        this.instance = instance;
        this.clock = clock;
        this.view = DashboardView.empty(instance, this.streamsApps, publishing.isPresent());
    }

    DashboardView view() {
        return view;
    }

    /** One second's work (package-private: a test drives it without the thread). */
    void tick() {
        Instant now = clock.instant();
        if (window.size() > 0 && !now.isAfter(window.now())) {
            return; // the clock stepped back: skip rather than break the window's order
        }
        window.add(readings.read(now, groups.instances(now)));
        history.record(window);
        boolean due = evaluatedAt == null
                || !Duration.between(evaluatedAt, now).minus(evaluateEvery).isNegative();
        if (due) {
            evaluatedAt = now;
            checkout.ifPresent(watch -> watch.evaluate(window, now));
        }
        if (publishing.isPresent() && due) {
            for (AlertTransition transition : decider.evaluate(now, rules.evaluate(window))) {
                recent.addFirst(new RecentTransition(
                        transition.rule().name(),
                        transition.status().name(),
                        transition.labels(),
                        transition.summary(),
                        transition.occurredAt().toEpochMilli()));
                while (recent.size() > RECENT_TRANSITIONS) {
                    recent.removeLast();
                }
                publishing.get().publish(transition);
            }
        }
        List<ActiveAlert> firing = decider.firing().stream()
                .map(alert -> new ActiveAlert(
                        alert.rule().name(),
                        alert.rule().severity().name(),
                        alert.labels(),
                        alert.summary(),
                        alert.value(),
                        alert.threshold(),
                        alert.startsAt().toEpochMilli(),
                        alert.firingSince().toEpochMilli()))
                .toList();
        view = new DashboardView(
                instance,
                now.toEpochMilli(),
                streamsApps,
                history.times(),
                history.series(),
                publishing.isPresent(),
                firing,
                List.copyOf(recent),
                checkout.map(watch -> new DashboardView.Admission(
                                watch.verdict().share(), watch.verdict().slowedBecause()))
                        .orElse(null));
    }

    /** Stops what the publishing holds (the webhook's threads). */
    void close() {
        publishing.ifPresent(AlertPublishing::close);
    }
}
