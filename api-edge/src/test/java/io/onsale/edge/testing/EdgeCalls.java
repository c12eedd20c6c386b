package io.onsale.edge.testing;

import static org.awaitility.Awaitility.await;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.OrderOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Calls through the typed client as a well-behaved buyer makes them: a read answered 503 (its state moving between
 * instances) is asked again; an order or payment answered 202 (not decided yet) or 503 (try again shortly) is sent
 * again with the same Idempotency-Key, which never makes a second order or a second charge.
 */
public final class EdgeCalls {

    /** Generous: a shared CI machine under load can take a minute and more to settle a rebalance. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private EdgeCalls() {}

    /** The first answer that is not a 503. */
    public static <T> Answer<T> read(Supplier<CompletableFuture<Answer<T>>> call) {
        AtomicReference<Answer<T>> last = new AtomicReference<>();
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                last.set(call.get().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
                return last.get().status() != 503;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("still 503 after " + PATIENCE + ", the last answer: " + last.get(), e);
        }
        return last.get();
    }

    /**
     * The first decided answer (not 202, not 503) of a call that must carry the same Idempotency-Key each time.
     */
    public static OrderOutcome decided(Supplier<CompletableFuture<OrderOutcome>> sameKeyCall) {
        AtomicReference<OrderOutcome> last = new AtomicReference<>();
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                last.set(sameKeyCall.get().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
                return !undecided(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not decided after " + PATIENCE + ", the last answer: " + last.get(), e);
        }
        return last.get();
    }

    /**
     * As {@link #decided}, without blocking: a 202 or 503 is sent again with the same key after its Retry-After (at
     * least 100 ms), at most 100 times; {@code againCount} counts the calls sent again.
     */
    public static CompletableFuture<OrderOutcome> decidedAsync(
            Supplier<CompletableFuture<OrderOutcome>> sameKeyCall, AtomicInteger againCount) {
        return decidedAsync(sameKeyCall, againCount, 100);
    }

    private static CompletableFuture<OrderOutcome> decidedAsync(
            Supplier<CompletableFuture<OrderOutcome>> sameKeyCall, AtomicInteger againCount, int attemptsLeft) {
        return sameKeyCall.get().thenCompose(outcome -> {
            if (!undecided(outcome) || attemptsLeft <= 1) {
                return CompletableFuture.completedFuture(outcome);
            }
            againCount.incrementAndGet();
            Duration retryAfter = outcome instanceof OrderOutcome.Pending pending
                    ? pending.retryAfter()
                    : ((OrderOutcome.Failed) outcome).retryAfter();
            Executor later =
                    CompletableFuture.delayedExecutor(Math.max(100, retryAfter.toMillis()), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> attemptsLeft - 1, later)
                    .thenCompose(left -> decidedAsync(sameKeyCall, againCount, left));
        });
    }

    /** 202 pending, or 503 with Retry-After: ask again with the same key. */
    public static boolean undecided(OrderOutcome outcome) {
        return outcome instanceof OrderOutcome.Pending
                || (outcome instanceof OrderOutcome.Failed failed && failed.status() == 503);
    }
}
