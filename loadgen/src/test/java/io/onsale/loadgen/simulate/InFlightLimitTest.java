package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    @Test
    void neverMoreThanTheLimitInFlightAndEveryCallEventuallyRuns() {
        InFlightLimit limit = new InFlightLimit(3);
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            answers.add(limit.submit(() -> {
                started.incrementAndGet();
                CompletableFuture<Integer> call = new CompletableFuture<>();
                pending.add(call);
                return call.thenApply(ignored -> n);
            }));
        }
        assertThat(started.get()).isEqualTo(3);
        assertThat(limit.inFlight()).isEqualTo(3);
        assertThat(limit.waiting()).isEqualTo(7);

        for (int i = 0; i < 10; i++) {
            pending.get(i).complete(0);
            assertThat(limit.inFlight()).isLessThanOrEqualTo(3);
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isCompleted());
        assertThat(answers.get(9).join()).isEqualTo(9);
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void aCallThatThrowsFreesItsSlotAndFailsItsAnswer() {
        InFlightLimit limit = new InFlightLimit(1);

        CompletableFuture<Object> failed = limit.submit(() -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> next = limit.submit(() -> CompletableFuture.completedFuture("ok"));

        assertThat(failed).isCompletedExceptionally();
        assertThat(next.join()).isEqualTo("ok");
        assertThat(limit.inFlight()).isZero();
    }
}
