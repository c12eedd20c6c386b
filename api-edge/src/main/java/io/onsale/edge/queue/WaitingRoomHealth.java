package io.onsale.edge.queue;

import io.onsale.edge.platform.CommittedAnswers;
import io.onsale.schema.queue.QueueEvent;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ready only while the embedded waiting room is RUNNING, its answers are followed and the progress view has read
 * everything committed before the start: before that, joins would be answered 202 and status 503 anyway. Without an
 * embedded room (it runs as its own process), its answers and progress are what this edge needs of it.
 */
class WaitingRoomHealth implements HealthIndicator {

    private final WaitingRoomStreams streams;
    private final CommittedAnswers<QueueEvent> answers;
    private final QueueProgressView view;

    /** @param streams the embedded waiting room, or {@code null} when it runs elsewhere */
    WaitingRoomHealth(WaitingRoomStreams streams, CommittedAnswers<QueueEvent> answers, QueueProgressView view) {
        this.streams = streams;
        this.answers = answers;
        this.view = view;
    }

    @Override
    public Health health() {
        String state = streams == null ? "ELSEWHERE" : streams.state().name();
        boolean up = (streams == null || streams.state() == KafkaStreams.State.RUNNING)
                && answers.isRunning()
                && view.isRunning()
                && view.caughtUp();
        return (up ? Health.up() : Health.down())
                .withDetail("state", state)
                .withDetail("answerFollower", answers.isRunning() ? "RUNNING" : "STOPPED")
                .withDetail(
                        "progressView", !view.isRunning() ? "STOPPED" : view.caughtUp() ? "CAUGHT_UP" : "CATCHING_UP")
                .withDetail("unreadableAnswers", answers.unreadableAnswers())
                .withDetail("unreadableProgress", view.unreadable())
                .build();
    }
}
