package io.onsale.edge.payment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * At most {@code maxConcurrent} calls in flight, at most {@code maxQueued} waiting for a slot in arrival order;
 * beyond that a call fails at once with {@link Overloaded}. A burst of payments then waits for the gateway
 * instead of overwhelming it, and a burst too large for the line is told so (503) instead of hanging.
 */
public final class BoundedConcurrency {

    /** The line is full: answer "try again shortly". */
    public static final class Overloaded extends RuntimeException {
        Overloaded(String message) {
            super(message);
        }
    }

    private final int maxConcurrent;
    private final int maxQueued;
    private final Deque<MonoSink<Void>> waiting = new ArrayDeque<>();
    private int running;

    public BoundedConcurrency(int maxConcurrent, int maxQueued) {
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
    }

    /** Runs {@code work} once a slot is free; the slot is given back however the work ends, or if it is cancelled. */
    public <T> Mono<T> run(Supplier<Mono<T>> work) {
        return Mono.usingWhen(
                acquire(),
                ignored -> Mono.defer(work),
                ignored -> Mono.fromRunnable(this::release),
                (ignored, error) -> Mono.fromRunnable(this::release),
                ignored -> Mono.fromRunnable(this::release));
    }

    private Mono<Boolean> acquire() {
        return Mono.<Void>create(sink -> {
                    synchronized (this) {
                        if (running < maxConcurrent) {
                            running++;
                            sink.success();
                            return;
                        }
                        if (waiting.size() >= maxQueued) {
                            sink.error(new Overloaded("all " + maxConcurrent + " payment slots are busy and "
                                    + maxQueued + " payments are already waiting"));
                            return;
                        }
                        waiting.addLast(sink);
                        // A waiter that gives up (client gone) leaves the line; it never held a slot.
                        sink.onCancel(() -> {
                            synchronized (this) {
                                waiting.remove(sink);
                            }
                        });
                    }
                })
                .thenReturn(Boolean.TRUE);
    }

    private void release() {
        MonoSink<Void> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        next.success(); // the slot passes straight to the next in line
    }

    public synchronized int inFlight() {
        return running;
    }

    public synchronized int queued() {
        return waiting.size();
    }
}
