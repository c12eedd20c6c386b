package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Holds answered here that the buyer's books do not show yet: counted until the books show them, or for the horizon. */
class UnbookedHoldsTest {

    private static final Duration HORIZON = Duration.ofSeconds(30);

    private Instant now = Instant.parse("2026-12-04T21:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final UnbookedHolds holds = new UnbookedHolds(HORIZON, clock);

    @Test
    void aBuyersHoldsCountUntilTheBooksShowThem() {
        holds.held("E1", "carol", "o1", 2);
        holds.held("E1", "carol", "o2", 2);
        holds.held("E1", "dave", "o3", 4);
        holds.held("E2", "carol", "o4", 1);

        assertThat(holds.tickets("E1", "carol", null, order -> false)).isEqualTo(4);
        assertThat(holds.tickets("E1", "carol", null, Set.of("o1")::contains))
                .as("the books show o1")
                .isEqualTo(2);
        assertThat(holds.tickets("E1", "carol", null, order -> false))
                .as("and it is forgotten")
                .isEqualTo(2);
        assertThat(holds.tickets("E1", "erin", null, order -> false)).isZero();
    }

    @Test
    void anOrderIsNotCountedAgainstItsOwnRetry() {
        holds.held("E1", "carol", "o1", 2);
        holds.held("E1", "carol", "o2", 1);

        assertThat(holds.tickets("E1", "carol", "o1", order -> false)).isEqualTo(1);
    }

    @Test
    void aHoldTheBooksNeverShowIsForgottenAfterTheHorizon() {
        holds.held("E1", "carol", "o1", 2);
        now = now.plus(HORIZON.dividedBy(2));
        holds.held("E1", "carol", "o2", 1);

        now = now.plus(HORIZON.dividedBy(2)).plusMillis(1);
        assertThat(holds.tickets("E1", "carol", null, order -> false)).isEqualTo(1);
        now = now.plus(HORIZON);
        assertThat(holds.tickets("E1", "carol", null, order -> false)).isZero();
    }
}
