package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class BoundedConcurrencyTest {

    @Test
    void aBurstWaitsInLineAndNeverRunsMoreThanTheLimitAtOnce() {
        BoundedConcurrency line = new BoundedConcurrency(3, 100);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();

        List<Integer> done = Flux.range(0, 40)
                .flatMap(
                        i -> line.run(() -> Mono.fromRunnable(
                                        () -> mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                                .then(Mono.delay(Duration.ofMillis(5)))
                                .doOnTerminate(inFlight::decrementAndGet)
                                .thenReturn(i)),
                        40)
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(done).hasSize(40);
        assertThat(mostAtOnce.get()).isLessThanOrEqualTo(3);
        assertThat(line.inFlight()).isZero();
        assertThat(line.queued()).isZero();
    }

    @Test
    void whenTheLineIsFullTheNextCallIsToldAtOnce() {
        BoundedConcurrency line = new BoundedConcurrency(1, 1);
        Sinks.One<String> gate = Sinks.one();
        line.run(gate::asMono).subscribe();
        line.run(() -> Mono.just("second")).subscribe();

        assertThatThrownBy(() -> line.run(() -> Mono.just("third")).block(Duration.ofSeconds(1)))
                .isInstanceOf(BoundedConcurrency.Overloaded.class);

        gate.tryEmitValue("first");
        assertThat(line.inFlight()).isZero();
        assertThat(line.queued()).isZero();
    }

    @Test
    void aFailedCallGivesItsSlotBack() {
        BoundedConcurrency line = new BoundedConcurrency(1, 0);

        assertThatThrownBy(() -> line.run(() -> Mono.error(new IllegalStateException("gateway down")))
                        .block())
                .hasMessageContaining("gateway down");

        assertThat(line.run(() -> Mono.just("next")).block()).isEqualTo("next");
    }
}
