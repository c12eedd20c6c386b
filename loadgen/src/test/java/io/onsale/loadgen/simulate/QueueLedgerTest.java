package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueLedgerTest {

    private static final Instant FIRST_BATCH = Instant.parse("2026-11-27T22:00:00Z");
    private static final Instant SECOND_BATCH = FIRST_BATCH.plusSeconds(1);
    private static final Instant THIRD_BATCH = FIRST_BATCH.plusSeconds(2);

    private static QueueLedger.Admission admitted(long position, Instant at) {
        return new QueueLedger.Admission("buyer-" + position, position, at);
    }

    @Test
    void batchesInPositionOrderPass() {
        assertThat(QueueLedger.outOfOrder(List.of(
                        admitted(3, SECOND_BATCH),
                        admitted(1, FIRST_BATCH),
                        admitted(2, FIRST_BATCH),
                        admitted(4, THIRD_BATCH))))
                .isEmpty();
    }

    @Test
    void aSmallerPositionOneBatchLateIsWithinTheSlack() {
        assertThat(QueueLedger.outOfOrder(
                        List.of(admitted(1, SECOND_BATCH), admitted(2, FIRST_BATCH), admitted(3, THIRD_BATCH))))
                .isEmpty();
    }

    @Test
    void passedThroughBuyersWhoseJoinTimestampsAreAFewMillisecondsOutOfOrderPass() {
        assertThat(QueueLedger.outOfOrder(List.of(
                        admitted(9, FIRST_BATCH.plusMillis(826)),
                        admitted(10, FIRST_BATCH.plusMillis(820)),
                        admitted(11, FIRST_BATCH.plusMillis(814)))))
                .isEmpty();
    }

    @Test
    void aSmallerPositionAdmittedTwoBatchesAfterALargerOneIsReported() {
        List<String> problems = QueueLedger.outOfOrder(
                List.of(admitted(1, THIRD_BATCH.plusMillis(1)), admitted(2, FIRST_BATCH), admitted(3, SECOND_BATCH)));

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("buyer-1 (position 1")
                .contains("more than one batch after buyer-2 (position 2");
    }

    @Test
    void aPositionGivenTwiceOrChangedIsAProblem() {
        QueueLedger ledger = new QueueLedger();
        ledger.position("alice", 5);
        ledger.position("bob", 5);
        ledger.position("carol", 6);
        ledger.position("carol", 7);

        assertThat(ledger.problems())
                .anyMatch(p -> p.contains("position 5 was given to two buyers"))
                .anyMatch(p -> p.contains("buyer carol was told position 6, later 7"));
    }
}
