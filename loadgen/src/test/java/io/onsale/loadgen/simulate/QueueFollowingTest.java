package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.Problem;
import io.onsale.loadgen.client.QueueStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueFollowingTest {

    private static final Instant ADMITTED_AT = Instant.parse("2026-11-27T22:00:01Z");

    static QueueStatus waiting(long position, Long pollAfterSeconds) {
        return new QueueStatus(
                "e",
                QueueStatus.WAITING,
                "QUEUING",
                position,
                null,
                3L,
                position - 4,
                null,
                10.0,
                false,
                null,
                null,
                null,
                null,
                pollAfterSeconds);
    }

    static QueueStatus admitted(long position) {
        return new QueueStatus(
                "e",
                QueueStatus.ADMITTED,
                "QUEUING",
                position,
                null,
                position,
                0L,
                null,
                10.0,
                false,
                ADMITTED_AT,
                ADMITTED_AT.plusSeconds(120),
                "adm-token",
                null,
                null);
    }

    static Answer<QueueStatus> ok(int status, QueueStatus body) {
        return new Answer<>(status, body, null, Duration.ZERO);
    }

    static Answer<QueueStatus> problem(int status, Duration retryAfter) {
        return new Answer<>(
                status, null, new Problem(null, null, status, "no", null, null, List.of(), List.of()), retryAfter);
    }

    @Test
    void aJoinWithATicketIsFollowedAndAPendingJoinIsSentAgainAfterItsRetryAfter() {
        assertThat(QueueFollowing.afterJoin(problem(404, Duration.ZERO), null, 0))
                .as("a room that has not read the event yet")
                .isInstanceOf(QueueFollowing.JoinAgain.class);
        QueueStatus joined = withTicket(waiting(9, 2L));

        assertThat(QueueFollowing.afterJoin(ok(201, joined), null, 0)).isEqualTo(new QueueFollowing.Follow(joined));
        assertThat(QueueFollowing.afterJoin(new Answer<>(202, emptyBody(), null, Duration.ofSeconds(1)), null, 0))
                .isEqualTo(new QueueFollowing.JoinAgain(TimeUnit.SECONDS.toNanos(1)));
        assertThat(QueueFollowing.afterJoin(problem(503, Duration.ofSeconds(2)), null, 0))
                .isEqualTo(new QueueFollowing.JoinAgain(TimeUnit.SECONDS.toNanos(2)));
    }

    @Test
    void aJoinRefusedOrRetriedTooOftenIsGivenUp() {
        assertThat(QueueFollowing.afterJoin(problem(409, Duration.ZERO), null, 0))
                .isInstanceOf(QueueFollowing.GiveUp.class);
        assertThat(QueueFollowing.afterJoin(problem(404, Duration.ZERO), null, Behaviour.MAX_JOIN_RETRIES))
                .isInstanceOf(QueueFollowing.GiveUp.class);
        assertThat(QueueFollowing.afterJoin(
                        new Answer<>(202, emptyBody(), null, Duration.ofSeconds(1)), null, Behaviour.MAX_JOIN_RETRIES))
                .isInstanceOf(QueueFollowing.GiveUp.class);
        // A 2xx without a ticket cannot be followed.
        assertThat(QueueFollowing.afterJoin(ok(201, waiting(9, 2L)), null, 0))
                .isInstanceOf(QueueFollowing.GiveUp.class);
    }

    @Test
    void aTimedOutJoinIsSentAgainBecauseJoiningTwiceKeepsThePlace() {
        Throwable timeout = new CompletionException(new EdgeCallException(EdgeCallException.Kind.TIMEOUT, "slow"));

        assertThat(QueueFollowing.afterJoin(null, timeout, 3)).isInstanceOf(QueueFollowing.JoinAgain.class);
    }

    @Test
    void everyStatusIsFollowedAndFailedPollsAreRetriedOnlyAFewTimesInARow() {
        assertThat(QueueFollowing.afterStatus(ok(200, admitted(4)), null, 0))
                .isEqualTo(new QueueFollowing.Follow(admitted(4)));
        assertThat(QueueFollowing.afterStatus(problem(503, Duration.ofSeconds(1)), null, 0))
                .isEqualTo(new QueueFollowing.PollAgain(TimeUnit.SECONDS.toNanos(1)));
        assertThat(QueueFollowing.afterStatus(
                        problem(503, Duration.ofSeconds(1)), null, Behaviour.MAX_QUEUE_FAILURES - 1))
                .isInstanceOf(QueueFollowing.GiveUp.class);
        assertThat(QueueFollowing.afterStatus(problem(403, Duration.ZERO), null, 0))
                .isInstanceOf(QueueFollowing.GiveUp.class);
    }

    @Test
    void theSuggestedPollIntervalIsUsedWithinBounds() {
        assertThat(QueueFollowing.pollNanos(waiting(9, 2L))).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(QueueFollowing.pollNanos(waiting(9, null))).isEqualTo(Behaviour.DEFAULT_POLL.toNanos());
        assertThat(QueueFollowing.pollNanos(waiting(9, 0L))).isEqualTo(Behaviour.SHORTEST_POLL.toNanos());
        assertThat(QueueFollowing.pollNanos(waiting(9, 3_600L))).isEqualTo(Behaviour.LONGEST_POLL.toNanos());
    }

    private static QueueStatus withTicket(QueueStatus s) {
        return new QueueStatus(
                s.eventId(),
                s.state(),
                s.mode(),
                s.position(),
                s.presaleNumber(),
                s.servingCounter(),
                s.buyersAhead(),
                s.eta(),
                s.admitRatePerSecond(),
                s.paused(),
                s.admittedAt(),
                s.windowEndsAt(),
                s.admissionToken(),
                "signed-ticket",
                s.pollAfterSeconds());
    }

    private static QueueStatus emptyBody() {
        return new QueueStatus(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
