package io.onsale.edge.platform;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only while the embedded topology is RUNNING: before that, reads would answer 503 anyway. */
@Component("reservationStreams")
class StreamsHealthIndicator implements HealthIndicator {

    private final ReservationsStreams streams;
    private final ReservationDecisions decisions;

    StreamsHealthIndicator(ReservationsStreams streams, ReservationDecisions decisions) {
        this.streams = streams;
        this.decisions = decisions;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING && decisions.isRunning() ? Health.up() : Health.down();
        return health.withDetail("state", state.name())
                .withDetail("decisionFollower", decisions.isRunning() ? "RUNNING" : "STOPPED")
                .withDetail("unreadableDecisions", decisions.unreadableDecisions())
                .build();
    }
}
