package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.ops.AlertRule.Severity;
import io.onsale.edge.ops.AlertTransition.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When an alert fires and resolves, evaluated every 5 s on a clock the test moves. */
class AlertDeciderTest {

    private static final Instant SALE_OPENS = Instant.parse("2030-05-01T19:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final AlertRule SLOW = new AlertRule("PaymentGatewaySlow", Severity.PAGE, Duration.ofSeconds(30));
    private static final AlertRule DEAD_LETTERS = new AlertRule("DeadLettersAppearing", Severity.WARN, Duration.ZERO);
    private static final Map<String, String> AUTHORIZE = Map.of("call", "authorize");

    private final AlertDecider decider = new AlertDecider(Duration.ofSeconds(30));
    private Instant now = SALE_OPENS;

    @Test
    void firesOnceTheConditionHeldForItsForDurationNotBefore() {
        List<AlertTransition> transitions = new ArrayList<>();
        for (int evaluation = 0; evaluation < 6; evaluation++) {
            transitions.addAll(evaluate(slow(true, 2.5)));
        }
        assertThat(transitions).as("25 s of a slow gateway").isEmpty();
        assertThat(decider.firing()).isEmpty();

        List<AlertTransition> fired = evaluate(slow(true, 2.6));

        assertThat(fired).singleElement().satisfies(transition -> {
            assertThat(transition.status()).isEqualTo(Status.FIRING);
            assertThat(transition.rule()).isEqualTo(SLOW);
            assertThat(transition.labels()).isEqualTo(AUTHORIZE);
            assertThat(transition.startsAt()).isEqualTo(SALE_OPENS);
            assertThat(transition.occurredAt()).isEqualTo(SALE_OPENS.plusSeconds(30));
            assertThat(transition.value()).isEqualTo(2.6);
        });
        assertThat(decider.firing()).singleElement().satisfies(alert -> {
            assertThat(alert.firingSince()).isEqualTo(SALE_OPENS.plusSeconds(30));
            assertThat(alert.startsAt()).isEqualTo(SALE_OPENS);
        });
        assertThat(evaluate(slow(true, 2.7)))
                .as("fires once, not at every evaluation")
                .isEmpty();
        assertThat(decider.firing())
                .singleElement()
                .extracting(AlertDecider.Firing::value)
                .isEqualTo(2.7);
    }

    @Test
    void aConditionThatStopsHoldingBeforeItsForDurationNeverFires() {
        List<AlertTransition> transitions = new ArrayList<>();
        // Slow for 25 s, fine once, slow for 25 s again: never 30 s in a row.
        for (int round = 0; round < 4; round++) {
            for (int evaluation = 0; evaluation < 6; evaluation++) {
                transitions.addAll(evaluate(slow(true, 2.5)));
            }
            transitions.addAll(evaluate(slow(false, 0.3)));
        }

        assertThat(transitions).isEmpty();
        assertThat(decider.firing()).isEmpty();
    }

    @Test
    void resolvesOnceTheConditionHasBeenClearForClearFor() {
        fire();

        List<AlertTransition> transitions = new ArrayList<>();
        for (int evaluation = 0; evaluation < 6; evaluation++) {
            transitions.addAll(evaluate(slow(false, 0.3)));
        }
        assertThat(transitions).as("clear for 25 s").isEmpty();
        assertThat(decider.firing()).hasSize(1);

        Instant clearSince = now.minus(EVERY.multipliedBy(6));
        List<AlertTransition> resolved = evaluate(slow(false, 0.2));

        assertThat(resolved).singleElement().satisfies(transition -> {
            assertThat(transition.status()).isEqualTo(Status.RESOLVED);
            assertThat(transition.value()).as("the figure that cleared it").isEqualTo(0.2);
            assertThat(transition.occurredAt()).isEqualTo(clearSince.plusSeconds(30));
        });
        assertThat(decider.firing()).isEmpty();
    }

    @Test
    void aValueHoveringAtTheThresholdNeitherFiresAgainNorResolves() {
        fire();

        List<AlertTransition> transitions = new ArrayList<>();
        for (int evaluation = 0; evaluation < 60; evaluation++) {
            transitions.addAll(evaluate(slow(evaluation % 2 == 0, 2.0)));
        }

        assertThat(transitions)
                .as("five minutes above and below, one evaluation each")
                .isEmpty();
        assertThat(decider.firing()).hasSize(1);
    }

    @Test
    void aConditionNoLongerMeasuredCountsAsClear() {
        fire();

        List<AlertTransition> transitions = new ArrayList<>();
        for (int evaluation = 0; evaluation < 7; evaluation++) {
            transitions.addAll(evaluate());
        }

        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.status()).isEqualTo(Status.RESOLVED);
            assertThat(transition.value()).as("the last figure measured").isEqualTo(2.5);
        });
    }

    @Test
    void aRuleWithoutForFiresAtTheFirstEvaluationThatSeesIt() {
        AlertCondition grew = new AlertCondition(
                DEAD_LETTERS,
                Map.of("topic", "event-config-dlq"),
                true,
                1,
                0,
                "1 new records in event-config-dlq in the last 5 min");

        assertThat(evaluate(grew))
                .singleElement()
                .extracting(AlertTransition::status)
                .isEqualTo(Status.FIRING);
    }

    @Test
    void eachLabelSetIsItsOwnAlert() {
        Map<String, String> capture = Map.of("call", "capture");
        List<AlertTransition> transitions = new ArrayList<>();
        for (int evaluation = 0; evaluation <= 6; evaluation++) {
            // The capture calls turn slow 5 s after the authorizations.
            transitions.addAll(evaluate(slow(true, 2.5), condition(SLOW, capture, evaluation >= 1, 2.5)));
        }

        assertThat(transitions)
                .singleElement()
                .extracting(AlertTransition::labels)
                .isEqualTo(AUTHORIZE);
        assertThat(evaluate(slow(true, 2.5), condition(SLOW, capture, true, 2.5)))
                .singleElement()
                .extracting(AlertTransition::labels)
                .isEqualTo(capture);
        assertThat(decider.firing()).hasSize(2);
    }

    private void fire() {
        for (int evaluation = 0; evaluation <= 6; evaluation++) {
            evaluate(slow(true, 2.5));
        }
        assertThat(decider.firing()).hasSize(1);
    }

    /** One evaluation at the current time; the clock then moves on to the next one. */
    private List<AlertTransition> evaluate(AlertCondition... conditions) {
        List<AlertTransition> transitions = decider.evaluate(now, List.of(conditions));
        now = now.plus(EVERY);
        return transitions;
    }

    private static AlertCondition slow(boolean holds, double p99) {
        return condition(SLOW, AUTHORIZE, holds, p99);
    }

    private static AlertCondition condition(AlertRule rule, Map<String, String> labels, boolean holds, double value) {
        return new AlertCondition(rule, labels, holds, value, 2.0, "p99 " + value + " s");
    }
}
