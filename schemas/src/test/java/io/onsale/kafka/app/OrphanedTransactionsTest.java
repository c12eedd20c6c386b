package io.onsale.kafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrphanedTransactionsTest {

    private static final String LIVE = "0f8a1c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String DEAD = "7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a";

    private final OrphanedTransactions orphans = new OrphanedTransactions("it.reservations");

    @Test
    void aTransactionOfAProcessNoLongerInTheGroupIsOrphaned() {
        assertThat(orphans.toFence(
                        List.of("it.reservations-" + LIVE + "-1", "it.reservations-" + DEAD + "-1"),
                        List.of("it.reservations-" + LIVE + "-StreamThread-1-consumer")))
                .containsExactly("it.reservations-" + DEAD + "-1");
    }

    @Test
    void aReplacedThreadsTransactionIsOrphanedWhileItsProcessStaysInTheGroup() {
        assertThat(orphans.toFence(
                        List.of("it.reservations-" + LIVE + "-1", "it.reservations-" + LIVE + "-2"),
                        List.of("it.reservations-" + LIVE + "-StreamThread-2-consumer")))
                .containsExactly("it.reservations-" + LIVE + "-1");
    }

    @Test
    void aTransactionOfALiveThreadIsNeverFencedHoweverLongItTakes() {
        assertThat(orphans.toFence(
                        List.of("it.reservations-" + LIVE.toUpperCase() + "-1"),
                        List.of("it.reservations-" + LIVE + "-StreamThread-1-consumer")))
                .isEmpty();
    }

    @Test
    void anotherAppsOrAnyOtherTransactionIsLeftAlone() {
        List<String> others = List.of(
                "it.waiting-room-" + DEAD + "-1",
                "it.reservations-" + DEAD,
                "payments-" + DEAD + "-1",
                "it.reservations-edge-1",
                "it.reservations-x" + DEAD + "-1");

        assertThat(others).noneMatch(orphans::isOurs);
        assertThat(orphans.toFence(others, List.of())).isEmpty();
    }

    @Test
    void withNoMemberLeftEveryOpenTransactionOfTheAppIsOrphaned() {
        assertThat(orphans.toFence(
                        List.of("it.reservations-" + DEAD + "-1", "it.reservations-" + LIVE + "-3"), List.of()))
                .hasSize(2);
    }

    @Test
    void anApplicationIdIsMatchedLiterallyNotAsAPattern() {
        OrphanedTransactions dotted = new OrphanedTransactions("a.b");

        assertThat(dotted.isOurs("a.b-" + DEAD + "-1")).isTrue();
        assertThat(dotted.isOurs("axb-" + DEAD + "-1")).isFalse();
    }
}
