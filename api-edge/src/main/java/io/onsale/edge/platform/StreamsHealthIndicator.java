package io.onsale.edge.platform;

import io.onsale.schema.order.OrderEvent;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready only while the embedded topology is RUNNING and the answer follower runs: before that, reads would
 * answer 503 and orders 202 anyway.
 */
@Component("reservationStreams")
class StreamsHealthIndicator implements HealthIndicator {

    private final Engine streams;
    private final CommittedAnswers<OrderEvent> answers;

    StreamsHealthIndicator(Engine streams, CommittedAnswers<OrderEvent> orderAnswers) {
        this.streams = streams;
        this.answers = orderAnswers;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health =
                state == KafkaStreams.State.RUNNING && answers.isRunning() ? Health.up() : Health.down();
        return health.withDetail("state", state.name())
                .withDetail("answerFollower", answers.isRunning() ? "RUNNING" : "STOPPED")
                .withDetail("unreadableAnswers", answers.unreadableAnswers())
                .withDetail(
                        "applicationServer",
                        streams.applicationServer() == null ? "(alone)" : streams.applicationServer())
                .build();
    }
}
