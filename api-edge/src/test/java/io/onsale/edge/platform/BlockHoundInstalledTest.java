package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.Future;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * BlockHound is installed for every test of the edge (blockhound-junit-platform, with the JVM flag it needs in the
 * surefire and failsafe argLine): a blocking call on a non-blocking thread fails the test that made it. These prove it
 * is on in this JVM, on the threads that serve requests, and that the allowlist ({@link OneTimeFrameworkReads}) did
 * not open up file reads in general. If BlockHound were off, each of them would fail.
 */
class BlockHoundInstalledTest {

    @Test
    void aBlockingCallOnAReactorParallelThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                        .doOnNext(tick -> sleep())
                        .block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class);
    }

    @Test
    void aBlockingCallOnAReactorNettyEventLoopFails() throws Exception {
        // The same kind of loop the edge's HTTP server runs on (reactor-http-epoll/nio threads).
        LoopResources loops = LoopResources.create("blockhound-check", 1, true);
        try {
            Future<?> slept = loops.onServer(false).next().submit(BlockHoundInstalledTest::sleep);

            assertThat(slept.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(slept.cause()).isInstanceOf(BlockingOperationError.class);
        } finally {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
        }
    }

    @Test
    void readingAFileOnANonBlockingThreadStillFails(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("any"), "bytes");

        assertThatThrownBy(() -> Mono.fromCallable(() -> {
                            try (FileInputStream in = new FileInputStream(file.toFile())) {
                                return in.readAllBytes();
                            }
                        })
                        .subscribeOn(Schedulers.parallel())
                        .block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
