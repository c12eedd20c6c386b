package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.platform.AnswerTiming;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderStagesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OrderStages stages = new OrderStages(meters);

    @Test
    void eachStageIsTheGapBetweenItsTwoInstants() {
        // received 0, acknowledged +3 ms, decided +1,203 ms, seen +1,223 ms, answered +1,224 ms
        stages.record(new AnswerTiming(1_000_000, 1_003_000, 2_203_000, 2_223_000), 2_224_000);

        assertThat(millis("produce")).isEqualTo(3.0);
        assertThat(millis("decide")).isEqualTo(1_200.0);
        assertThat(millis("commit")).isEqualTo(20.0);
        assertThat(millis("answer")).isEqualTo(1.0);
    }

    @Test
    void anAnswerWithoutTheEnginesTimeCountsItsEnginePartAsCommit() {
        stages.record(new AnswerTiming(1_000_000, 1_002_000, 0, 1_052_000), 1_053_000);

        assertThat(meters.get("onsale.orders.stages")
                        .tag("stage", "decide")
                        .timer()
                        .count())
                .isZero();
        assertThat(millis("commit")).isEqualTo(50.0);
    }

    @Test
    void aDecisionNotedBeforeTheAcknowledgementTookNoTimeOfItsOwn() {
        // acknowledged at +5 ms by the producer's callback, decided by the engine at +4 ms
        stages.record(new AnswerTiming(1_000_000, 1_005_000, 1_004_000, 1_030_000), 1_031_000);

        assertThat(millis("decide")).isZero();
        assertThat(meters.get("onsale.orders.stages")
                        .tag("stage", "decide")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theLimitReadIsTimedOnItsOwn() {
        stages.limitRead(2_500);

        assertThat(millis("limit-read")).isEqualTo(2.5);
    }

    private double millis(String stage) {
        return meters.get("onsale.orders.stages").tag("stage", stage).timer().totalTime(TimeUnit.MILLISECONDS);
    }
}
