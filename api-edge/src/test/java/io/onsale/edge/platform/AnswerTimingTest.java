package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerTimingTest {

    @Test
    void aDecidedAnswerIsToldApartIntoProduceDecideCommitAndAnswer() {
        AnswerTiming timing = new AnswerTiming(1_000_000, 1_001_500, 1_004_000, 1_020_250);

        assertThat(timing.serverTiming(1_020_500))
                .isEqualTo("produce;dur=1.500, decide;dur=2.500, commit;dur=16.250, answer;dur=0.250, edge;dur=20.500");
    }

    @Test
    void anAnswerThatDoesNotSayWhenItWasDecidedCountsTheEngineAsOneStep() {
        AnswerTiming timing = new AnswerTiming(1_000_000, 1_001_000, 0, 1_011_000);

        assertThat(timing.serverTiming(1_011_000))
                .isEqualTo("produce;dur=1.000, engine;dur=10.000, answer;dur=0.000, edge;dur=11.000");
    }
}
