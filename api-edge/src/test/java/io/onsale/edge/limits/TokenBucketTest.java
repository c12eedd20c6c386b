package io.onsale.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long START = 1_000_000_000L;
    private static final long HALF_A_SECOND_LATER =
            START + Duration.ofMillis(500).toNanos();
    private static final long ONE_SECOND_LATER = START + Duration.ofSeconds(1).toNanos();
    private static final long ONE_MINUTE_LATER = START + Duration.ofMinutes(1).toNanos();

    private final Rate threeThenOnePerSecond = new Rate(3, 1);

    @Test
    void aBurstUpToCapacityPassesAndTheNextIsToldToWaitForOneRefill() {
        TokenBucket bucket = new TokenBucket(threeThenOnePerSecond, START);

        assertThat(bucket.take(START)).isZero();
        assertThat(bucket.take(START)).isZero();
        assertThat(bucket.take(START)).isZero();
        assertThat(bucket.take(START)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(bucket.take(HALF_A_SECOND_LATER))
                .isEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void aRefusedRequestTakesNothingSoWaitingTheAnnouncedTimeIsEnough() {
        TokenBucket bucket = new TokenBucket(new Rate(1, 1), START);
        bucket.take(START);

        for (int hammering = 0; hammering < 100; hammering++) {
            assertThat(bucket.take(HALF_A_SECOND_LATER)).isPositive();
        }
        assertThat(bucket.take(ONE_SECOND_LATER)).isZero();
    }

    @Test
    void refillsAtTheRateButNeverAboveCapacity() {
        TokenBucket bucket = new TokenBucket(threeThenOnePerSecond, START);
        for (int i = 0; i < 3; i++) {
            bucket.take(START);
        }

        assertThat(bucket.take(ONE_SECOND_LATER)).isZero();
        assertThat(bucket.take(ONE_SECOND_LATER)).isPositive();

        int passedAfterAMinute = 0;
        while (bucket.take(ONE_MINUTE_LATER) == 0) {
            passedAfterAMinute++;
        }
        assertThat(passedAfterAMinute).isEqualTo(3);
    }

    @Test
    void aBucketIsFullAgainAfterItsRefillTimeAndOnlyThen() {
        TokenBucket bucket = new TokenBucket(threeThenOnePerSecond, START);
        assertThat(bucket.fullAt(START)).isTrue();

        bucket.take(START);

        assertThat(bucket.fullAt(HALF_A_SECOND_LATER)).isFalse();
        assertThat(bucket.fullAt(START + Duration.ofSeconds(3).toNanos())).isTrue();
    }

    @Test
    void aSlowRateIsDescribedPerSecondsAndRefusedInvalidShapes() {
        assertThat(new Rate(10, 0.5).describe()).isEqualTo("10 at once, then 1 every 2 seconds");
        assertThat(new Rate(20, 1).describe()).isEqualTo("20 at once, then 1 per second");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rate(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rate(1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
