package io.onsale.edge.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The gauges the ops alert "queue not draining" reads: the organizer's target and the room's mode, per event. */
class QueueMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void theTargetAndTheCurrentModeFollowTheRoomsProgress() {
        AtomicReference<QueueProgress> progress = new AtomicReference<>(QueueTestData.queuing("gala", 100, 20)
                .setPolicy(QueuePolicy.newBuilder().setTargetActiveShoppers(800).build())
                .build());
        QueueProgressView view = mock(QueueProgressView.class);
        when(view.changes()).thenReturn(Flux.never());
        when(view.admissions()).thenReturn(Flux.never());
        when(view.progress("gala")).thenAnswer(call -> Optional.of(progress.get()));
        try (QueueMetrics metrics = new QueueMetrics(view, mock(EtaAccuracy.class), meters)) {
            metrics.register("gala");

            assertThat(gauge("onsale.queue.target.active.shoppers")).isEqualTo(800);
            assertThat(mode("QUEUING")).isEqualTo(1);
            assertThat(mode("PAUSED")).isZero();

            progress.set(QueueProgress.newBuilder(progress.get())
                    .setMode(QueueMode.PAUSED)
                    .setPaused(true)
                    .build());

            assertThat(mode("QUEUING")).isZero();
            assertThat(mode("PAUSED")).isEqualTo(1);
            assertThat(meters.find("onsale.queue.mode").tag("mode", "UNKNOWN").gauge())
                    .isNull();
        }
    }

    private double gauge(String name) {
        return meters.get(name).tag("event", "gala").gauge().value();
    }

    private double mode(String mode) {
        return meters.get("onsale.queue.mode")
                .tag("event", "gala")
                .tag("mode", mode)
                .gauge()
                .value();
    }
}
