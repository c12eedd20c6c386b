package io.onsale.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketsTest {

    private static final long START = 0;
    private static final long TEN_SECONDS_LATER = Duration.ofSeconds(10).toNanos();

    @Test
    void eachClientHasItsOwnBucket() {
        Buckets buckets = new Buckets(new Rate(1, 1), 1_000);

        assertThat(buckets.take("alice", START)).isZero();
        assertThat(buckets.take("alice", START)).isPositive();
        assertThat(buckets.take("bob", START)).isZero();
    }

    @Test
    void aMillionClientsNeverHoldMoreThanTheBound() {
        Buckets buckets = new Buckets(new Rate(5, 1), 1_600);

        for (int buyer = 0; buyer < 1_000_000; buyer++) {
            buckets.take("buyer-" + buyer, START);
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(1_600);
    }

    @Test
    void idleClientsAreForgottenOnceTheirBucketIsFullAgain() {
        Buckets buckets = new Buckets(new Rate(2, 1), 16_000);
        for (int buyer = 0; buyer < 1_000; buyer++) {
            buckets.take("buyer-" + buyer, START);
        }

        // Each later request drops up to two idle buckets of its stripe; a hundred buyers touch every stripe.
        for (int request = 0; request < 2_000; request++) {
            buckets.take("later-" + (request % 100), TEN_SECONDS_LATER);
        }

        assertThat(buckets.size()).isEqualTo(100);
    }

    @Test
    void aClientStillEmptyIsNotForgottenAsIdle() {
        Buckets buckets = new Buckets(new Rate(1, 0.1), 1_000);
        buckets.take("script", START);

        for (int other = 0; other < 100; other++) {
            buckets.take("other-" + other, Duration.ofSeconds(1).toNanos());
        }

        assertThat(buckets.take("script", Duration.ofSeconds(2).toNanos())).isPositive();
    }
}
