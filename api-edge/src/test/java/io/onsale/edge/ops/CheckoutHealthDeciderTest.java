package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.ops.CheckoutHealthDecider.Reading;
import io.onsale.edge.ops.CheckoutHealthDecider.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckoutHealthDeciderTest {

    private static final CheckoutHealthDecider.Limits LIMITS =
            new CheckoutHealthDecider.Limits(Duration.ofSeconds(2), 0.2, Duration.ofSeconds(2), 0.1, 0.25, 2);
    private static final Reading HEALTHY = new Reading(Duration.ofMillis(300), 0.01, Duration.ofMillis(80));
    private static final Reading SLOW_GATEWAY = new Reading(Duration.ofMillis(4_100), 0.0, Duration.ofMillis(80));

    private final CheckoutHealthDecider decider = new CheckoutHealthDecider(LIMITS);

    @Test
    void aHealthyCheckoutTakesTheWholeRate() {
        assertThat(decider.decide(HEALTHY)).isEqualTo(new Verdict(1.0, null));
        assertThat(decider.decide(new Reading(null, null, null)))
                .as("nothing measured: nothing to judge")
                .isEqualTo(new Verdict(1.0, null));
    }

    @Test
    void eachUnhealthyReadingHalvesTheShareDownToTheLeastAndSaysWhy() {
        Verdict first = decider.decide(SLOW_GATEWAY);
        assertThat(first.share()).isEqualTo(0.5);
        assertThat(first.slowedBecause()).isEqualTo("payment gateway p99 4.1 s over 2.0 s");
        decider.decide(SLOW_GATEWAY);
        decider.decide(SLOW_GATEWAY);
        assertThat(decider.decide(SLOW_GATEWAY).share()).isEqualTo(0.1);
        Verdict all = decider.decide(new Reading(Duration.ofSeconds(3), 0.5, Duration.ofSeconds(5)));
        assertThat(all.slowedBecause())
                .contains(
                        "gateway p99 3.0 s", "failing 50% of calls (limit 20%)", "hold decisions p99 5.0 s over 2.0 s");
    }

    @Test
    void recoveryIsGradualAndOnlyAfterCalmReadings() {
        decider.decide(SLOW_GATEWAY);
        decider.decide(SLOW_GATEWAY);
        assertThat(decider.decide(HEALTHY).share())
                .as("one calm reading is not enough")
                .isEqualTo(0.25);
        Verdict growing = decider.decide(HEALTHY);
        assertThat(growing.share()).isEqualTo(0.5);
        assertThat(growing.slowedBecause()).startsWith("recovering from: payment gateway p99");
        assertThat(decider.decide(HEALTHY).share()).isEqualTo(0.75);
        assertThat(decider.decide(SLOW_GATEWAY).share())
                .as("a relapse halves at once")
                .isEqualTo(0.375);
        for (int reading = 0; reading < 6; reading++) {
            decider.decide(HEALTHY);
        }
        assertThat(decider.decide(HEALTHY)).isEqualTo(new Verdict(1.0, null));
    }
}
