package io.onsale.loadgen.simulate;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code limit} calls in flight, without blocking anybody: a call over the limit waits in a queue and is sent
 * when an earlier one completes. This is how 100,000 buyers share a few hundred connections and no thread each.
 */
final class InFlightLimit {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    InFlightLimit(int limit) {
        this.limit = limit;
    }

    /** Starts {@code call} now or as soon as a slot frees up; the answer completes when the call's does. */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        waiting.add(() -> {
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                inFlight.decrementAndGet();
                drain();
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(value);
                }
            });
        });
        drain();
        return answer;
    }

    int inFlight() {
        return inFlight.get();
    }

    int waiting() {
        return waiting.size();
    }

    private void drain() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit || waiting.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                // Another thread took the last one; if more arrived meanwhile, go round again.
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            next.run();
        }
    }
}
