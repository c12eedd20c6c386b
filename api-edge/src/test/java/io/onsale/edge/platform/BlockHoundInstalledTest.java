package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

/**
 * BlockHound is installed for every test of the edge (blockhound-junit-platform): a blocking call on a non-blocking
 * thread (Reactor's parallel workers, Netty's event loops) fails the test that made it. This proves it is on.
 */
class BlockHoundInstalledTest {

    @Test
    void aBlockingCallOnANonBlockingThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                .doOnNext(tick -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class);
    }
}
