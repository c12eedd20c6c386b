package io.onsale.edge.buyer;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * An order answered by its section reaches its buyer's books a moment later (ADR 0009), more under load, when the books
 * wait behind the holds on the same stream thread: a read that finds no such order, or finds it still being placed,
 * asks again (25 ms, doubling to 500 ms, ~3 s in all) before it answers with what it found. Shared by the order
 * endpoints ({@link OrderController}) and the lookup another feature's endpoint acts through ({@link OrderLookup}).
 */
final class BooksCatchingUp {

    static final Retry BOOKS_CATCHING_UP = Retry.backoff(10, Duration.ofMillis(25))
            .maxBackoff(Duration.ofMillis(500))
            .filter(BooksBehind.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure());

    /** The books do not show the order as it will be yet; {@code answer} is what to say if they still do not. */
    static final class BooksBehind extends RuntimeException {
        final transient Supplier<Mono<ResponseEntity<Object>>> answer;

        BooksBehind(Supplier<Mono<ResponseEntity<Object>>> answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    private BooksCatchingUp() {}

    /** {@code read}, asked again while it fails with {@link BooksBehind}; then what that says to answer. */
    static Mono<ResponseEntity<Object>> afterCatchingUp(Mono<ResponseEntity<Object>> read) {
        return read.retryWhen(BOOKS_CATCHING_UP).onErrorResume(BooksBehind.class, behind -> behind.answer.get());
    }
}
