package io.onsale.edge.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtaAccuracyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final EtaAccuracy accuracy = new EtaAccuracy(4, Duration.ofMinutes(30));

    @Test
    void aWaitInsideTheQuotedRangeIsWithinAndOneOutsideIsEarlyOrLate() {
        accuracy.quoted("e1", 10, T0, new QueueStatus.Eta(8, 12));
        accuracy.quoted("e1", 11, T0, new QueueStatus.Eta(8, 12));
        accuracy.quoted("e1", 12, T0, new QueueStatus.Eta(30, 40));

        List<EtaAccuracy.Verdict> first = accuracy.admitted("e1", 10, 11, T0.plusSeconds(11));
        List<EtaAccuracy.Verdict> second = accuracy.admitted("e1", 12, 12, T0.plusSeconds(20));

        assertThat(first)
                .extracting(EtaAccuracy.Verdict::outcome)
                .containsExactly(EtaAccuracy.Outcome.WITHIN, EtaAccuracy.Outcome.WITHIN);
        assertThat(first.get(0).errorSeconds()).isEqualTo(1.0);
        assertThat(second).singleElement().satisfies(verdict -> {
            assertThat(verdict.outcome()).isEqualTo(EtaAccuracy.Outcome.EARLY);
            assertThat(verdict.waitSeconds()).isEqualTo(20.0);
        });
        accuracy.quoted("e1", 13, T0, new QueueStatus.Eta(1, 2));
        assertThat(accuracy.admitted("e1", 13, 13, T0.plusSeconds(4)))
                .extracting(EtaAccuracy.Verdict::outcome)
                .containsExactly(EtaAccuracy.Outcome.LATE);
    }

    @Test
    void onlyThePositionsFirstQuoteIsJudgedAndOnlyOnce() {
        accuracy.quoted("e1", 10, T0, new QueueStatus.Eta(8, 12));
        accuracy.quoted("e1", 10, T0.plusSeconds(9), new QueueStatus.Eta(0, 1));

        assertThat(accuracy.admitted("e1", 10, 10, T0.plusSeconds(10)))
                .singleElement()
                .extracting(EtaAccuracy.Verdict::waitSeconds)
                .isEqualTo(10.0);
        assertThat(accuracy.admitted("e1", 10, 10, T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void eventsAreApartAndPositionsBeyondTheBatchStayOpen() {
        accuracy.quoted("e1", 5, T0, new QueueStatus.Eta(1, 3));
        accuracy.quoted("e2", 5, T0, new QueueStatus.Eta(1, 3));
        accuracy.quoted("e1", 9, T0, new QueueStatus.Eta(5, 9));

        assertThat(accuracy.admitted("e1", 1, 6, T0.plusSeconds(2))).hasSize(1);
        assertThat(accuracy.open("e1")).isEqualTo(1);
        assertThat(accuracy.open("e2")).isEqualTo(1);
    }

    @Test
    void quotesAreBoundedPerEventAndOldOnesAreForgottenWhenFull() {
        for (long position = 1; position <= 6; position++) {
            accuracy.quoted("e1", position, T0, new QueueStatus.Eta(1, 2));
        }
        assertThat(accuracy.open("e1")).isEqualTo(4);

        accuracy.quoted("e1", 100, T0.plusSeconds(3_000), new QueueStatus.Eta(1, 2)); // full: not kept
        accuracy.admitted("e1", 50, 50, T0.plus(Duration.ofHours(1)));

        assertThat(accuracy.open("e1")).isZero(); // all four were quoted over half an hour before
    }

    @Test
    void noRangeNoQuote() {
        accuracy.quoted("e1", 1, T0, null);

        assertThat(accuracy.open("e1")).isZero();
    }
}
