package io.onsale.edge.queue;

import static io.onsale.edge.queue.QueueTestData.IN_NINE_MINUTES;
import static io.onsale.edge.queue.QueueTestData.NOW;
import static io.onsale.edge.queue.QueueTestData.ONE_MINUTE_AGO;
import static io.onsale.edge.queue.QueueTestData.batch;
import static io.onsale.edge.queue.QueueTestData.queuing;
import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.queue.domain.PresaleDraw;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.time.Duration;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class StatusDeciderTest {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final LongFunction<AdmittedBatches.Lookup> NOTHING_ADMITTED =
            position -> new AdmittedBatches.Lookup.NotYetSeen();

    private static QueueStatus decide(
            QueueTicket ticket, QueueProgress progress, LongFunction<AdmittedBatches.Lookup> batches) {
        return StatusDecider.decide(ticket, progress, batches, new PresalePositions(), NOW, POLL);
    }

    @Test
    void aWaitingBuyerSeesWhoIsAheadAndAnEtaRangeAroundTheObservedRate() {
        QueueStatus status = decide(
                QueueTicket.position("E1", "alice", 150), queuing("E1", 100, 10).build(), NOTHING_ADMITTED);

        assertThat(status.state()).isEqualTo(QueueState.WAITING);
        assertThat(status.buyersAhead()).isEqualTo(49);
        assertThat(status.eta()).isEqualTo(new QueueStatus.Eta(4, 7));
        assertThat(status.pollAfterSeconds()).isEqualTo(2);
        assertThat(status.admissionToken()).isNull();
    }

    @Test
    void buyersFarFromTheFrontAreToldToPollLessOftenAndNeverRarelierThanEveryThirtySeconds() {
        QueueStatus near = decide(
                QueueTicket.position("E1", "alice", 150), queuing("E1", 100, 10).build(), NOTHING_ADMITTED);
        QueueStatus further = decide(
                QueueTicket.position("E1", "bob", 1_100), queuing("E1", 100, 10).build(), NOTHING_ADMITTED);
        QueueStatus farthest = decide(
                QueueTicket.position("E1", "carol", 90_100),
                queuing("E1", 100, 10).build(),
                NOTHING_ADMITTED);

        assertThat(near.pollAfterSeconds()).isEqualTo(2);
        assertThat(further.eta().minSeconds()).isEqualTo(80);
        assertThat(further.pollAfterSeconds()).isEqualTo(20);
        assertThat(farthest.pollAfterSeconds()).isEqualTo(30);
    }

    @Test
    void theEtaIsNeverNegativeAndNeverGoesBackwardsForASteadyRate() {
        QueueStatus.Eta previous = null;
        for (long serving = 0; serving <= 1_000; serving += 7) {
            QueueStatus status = decide(
                    QueueTicket.position("E1", "alice", 1_000),
                    queuing("E1", serving, 35).build(),
                    NOTHING_ADMITTED);
            QueueStatus.Eta eta = status.eta();
            if (status.state() == QueueState.WAITING && eta != null) {
                assertThat(eta.minSeconds()).isNotNegative().isLessThanOrEqualTo(eta.maxSeconds());
                if (previous != null) {
                    assertThat(eta.minSeconds()).isLessThanOrEqualTo(previous.minSeconds());
                    assertThat(eta.maxSeconds()).isLessThanOrEqualTo(previous.maxSeconds());
                }
                previous = eta;
            }
        }
        assertThat(StatusDecider.eta(0, 35, false)).isEqualTo(new QueueStatus.Eta(0, 0));
        assertThat(StatusDecider.eta(-5, 35, false)).isEqualTo(new QueueStatus.Eta(0, 0));
        assertThat(StatusDecider.eta(1, 1e9, false)).isEqualTo(new QueueStatus.Eta(0, 1));
    }

    @Test
    void nothingBeingAdmittedMeansNoEtaRatherThanAGuess() {
        assertThat(decide(
                                QueueTicket.position("E1", "alice", 150),
                                queuing("E1", 100, 0).build(),
                                NOTHING_ADMITTED)
                        .eta())
                .isNull();
        assertThat(decide(
                                QueueTicket.position("E1", "alice", 150),
                                queuing("E1", 100, 10)
                                        .setPaused(true)
                                        .setMode(QueueMode.PAUSED)
                                        .build(),
                                NOTHING_ADMITTED)
                        .eta())
                .isNull();
    }

    @Test
    void aServedPositionIsAdmittedUntilItsBatchWindowEndsThenExpired() {
        LongFunction<AdmittedBatches.Lookup> batches =
                position -> new AdmittedBatches.Lookup.Admitted(batch(90, 110, ONE_MINUTE_AGO, IN_NINE_MINUTES));

        QueueStatus admitted = decide(
                QueueTicket.position("E1", "alice", 100), queuing("E1", 110, 10).build(), batches);

        assertThat(admitted.state()).isEqualTo(QueueState.ADMITTED);
        assertThat(admitted.windowEndsAt()).isEqualTo(IN_NINE_MINUTES);
        assertThat(admitted.admittedAt()).isEqualTo(ONE_MINUTE_AGO);
        assertThat(admitted.buyersAhead()).isZero();

        LongFunction<AdmittedBatches.Lookup> ended = position ->
                new AdmittedBatches.Lookup.Admitted(batch(90, 110, NOW.minusSeconds(700), NOW.minusSeconds(100)));
        assertThat(decide(
                                QueueTicket.position("E1", "alice", 100),
                                queuing("E1", 110, 10).build(),
                                ended)
                        .state())
                .isEqualTo(QueueState.EXPIRED);
        assertThat(decide(
                                QueueTicket.position("E1", "alice", 100),
                                queuing("E1", 110, 10).build(),
                                position -> new AdmittedBatches.Lookup.Forgotten())
                        .state())
                .isEqualTo(QueueState.EXPIRED);
    }

    @Test
    void aServedPositionWhoseBatchIsNotReadYetWaitsAMomentRatherThanExpire() {
        QueueStatus status = decide(
                QueueTicket.position("E1", "alice", 100), queuing("E1", 110, 10).build(), NOTHING_ADMITTED);

        assertThat(status.state()).isEqualTo(QueueState.WAITING);
        assertThat(status.pollAfterSeconds()).isEqualTo(1);
    }

    @Test
    void soldOutTellsEveryWaitingBuyerAtOnce() {
        QueueProgress soldOut = queuing("E1", 100, 0)
                .setSoldOut(true)
                .setMode(QueueMode.SOLD_OUT)
                .build();

        assertThat(decide(QueueTicket.position("E1", "alice", 150), soldOut, NOTHING_ADMITTED)
                        .state())
                .isEqualTo(QueueState.SOLD_OUT);
        assertThat(decide(QueueTicket.presale("E1", "bob", 3), soldOut, NOTHING_ADMITTED)
                        .state())
                .isEqualTo(QueueState.SOLD_OUT);
    }

    @Test
    void aPresaleTicketIsPresaleUntilTheDrawThenItsDrawnPosition() {
        QueueProgress beforeDraw = queuing("E1", 0, 0)
                .setMode(QueueMode.PRE_SALE)
                .setPresaleCount(5)
                .build();
        assertThat(decide(QueueTicket.presale("E1", "alice", 3), beforeDraw, NOTHING_ADMITTED)
                        .state())
                .isEqualTo(QueueState.PRE_SALE);

        String seed = "00".repeat(32);
        QueueProgress drawn =
                queuing("E1", 0, 10).setPresaleCount(5).setPresaleSeed(seed).build();
        QueueStatus status = decide(QueueTicket.presale("E1", "alice", 3), drawn, NOTHING_ADMITTED);

        assertThat(status.state()).isEqualTo(QueueState.WAITING);
        assertThat(status.position()).isEqualTo(PresaleDraw.positionOf(seed, 5, 3));
        assertThat(status.presaleNumber()).isEqualTo(3);
    }
}
