package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.QueueStatus;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * What a buyer in the waiting room does with each answer, decided in plain Java so it is tested without an edge:
 * follow a status (order once admitted, leave when told SOLD_OUT or EXPIRED, else poll at the suggested interval),
 * join again after a 202 or a busy edge (joining is idempotent: the same place), poll again after a failed poll, or
 * give up after too many failures.
 */
final class QueueFollowing {

    sealed interface Next permits Follow, JoinAgain, PollAgain, GiveUp {}

    /** A status to act on. */
    record Follow(QueueStatus status) implements Next {}

    record JoinAgain(long afterNanos) implements Next {}

    record PollAgain(long afterNanos) implements Next {}

    record GiveUp(String why) implements Next {}

    private QueueFollowing() {}

    static Next afterJoin(Answer<QueueStatus> answer, Throwable error, int retries) {
        boolean mayRetry = retries < Behaviour.MAX_JOIN_RETRIES;
        if (error != null) {
            return mayRetry && retryable(error)
                    ? new JoinAgain(nanos(Behaviour.DEFAULT_POLL))
                    : new GiveUp(describe(error));
        }
        // 404: the room may not have read the event's config yet, a moment after the event itself is ready.
        if (answer.status() == 202 || answer.status() == 503 || answer.status() == 429 || answer.status() == 404) {
            return mayRetry ? new JoinAgain(nanos(wait(answer))) : new GiveUp("join still " + answer.status());
        }
        if (answer.ok()
                && answer.body() != null
                && answer.body().state() != null
                && answer.body().ticket() != null) {
            return new Follow(answer.body());
        }
        return new GiveUp(
                "join answered " + (answer.problem() != null ? answer.problem().describe() : answer.status()));
    }

    /** {@code failures}: polls in a row that got no usable answer before this one. */
    static Next afterStatus(Answer<QueueStatus> answer, Throwable error, int failures) {
        if (error == null
                && answer.ok()
                && answer.body() != null
                && answer.body().state() != null) {
            return new Follow(answer.body());
        }
        boolean mayRetry = failures + 1 < Behaviour.MAX_QUEUE_FAILURES;
        if (error != null) {
            return mayRetry && retryable(error)
                    ? new PollAgain(nanos(Behaviour.DEFAULT_POLL))
                    : new GiveUp(describe(error));
        }
        // 503: the room's progress is not readable on this instance yet; 401/403/404: the ticket is refused for good.
        if (mayRetry && (answer.status() == 503 || answer.status() == 429 || answer.status() >= 500)) {
            return new PollAgain(nanos(wait(answer)));
        }
        return new GiveUp("status answered "
                + (answer.problem() != null ? answer.problem().describe() : answer.status()));
    }

    /** The edge's suggested interval, within bounds; a second when it suggests none. */
    static long pollNanos(QueueStatus status) {
        return nanos(status.pollAfter(Behaviour.DEFAULT_POLL));
    }

    private static Duration wait(Answer<QueueStatus> answer) {
        return answer.retryAfter() == null || answer.retryAfter().isZero()
                ? Behaviour.DEFAULT_POLL
                : answer.retryAfter();
    }

    private static long nanos(Duration wait) {
        long millis = Math.max(
                Behaviour.SHORTEST_POLL.toMillis(), Math.min(Behaviour.LONGEST_POLL.toMillis(), wait.toMillis()));
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** A timeout or a broken connection may well work next time; an answer outside the contract will not. */
    private static boolean retryable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof EdgeCallException call && call.kind() != EdgeCallException.Kind.CONTRACT;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage();
    }
}
