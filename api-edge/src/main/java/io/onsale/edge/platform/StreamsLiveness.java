package io.onsale.edge.platform;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Logs an embedded topology's state changes and declares the edge broken when the topology reaches {@code ERROR}.
 * {@code ERROR} is terminal: Kafka Streams does not leave it, whether a stream thread was stopped on purpose
 * ({@code StreamThreadFailures}) or a global store thread died (its checkpoints past the ends of a reset broker's
 * topics). Readiness alone only takes the instance out of service, and it then stayed down until someone restarted
 * it; a failed liveness probe has the orchestrator restart it, and a new client starts from clean global state.
 */
public final class StreamsLiveness implements KafkaStreams.StateListener {

    private static final Logger log = LoggerFactory.getLogger(StreamsLiveness.class);

    private final String what;
    private final ApplicationEventPublisher events;

    public StreamsLiveness(String what, ApplicationEventPublisher events) {
        this.what = what;
        this.events = events;
    }

    @Override
    public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
        log.info("{} {} -> {}", what, before, now);
        if (now == KafkaStreams.State.ERROR) {
            log.error("{} stopped for good (ERROR); liveness BROKEN so that the edge is restarted", what);
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }
}
