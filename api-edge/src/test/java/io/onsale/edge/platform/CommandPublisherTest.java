package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class CommandPublisherTest {

    private static final Topics TOPICS = Topics.from(new Topics.Settings("test.", 1, 1));
    private static final QueueCommand JOIN = QueueCommand.newBuilder()
            .setRequestId("join:e-1:b-1:1")
            .setType(QueueCommandType.JOIN)
            .setEventId("e-1")
            .setBuyerId("b-1")
            .build();

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final CommandPublisher publisher = new CommandPublisher(producer, java.time.Clock.systemUTC());

    @Test
    void aCommandTheBrokerAcknowledgedCompletesWithItsPlaceInTheLog() {
        assertThat(publisher.publish(TOPICS.queueRequests(), "e-1", JOIN).block(Duration.ofSeconds(5)))
                .isNotNull();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aCommandTheProducerCouldNotTakeInTimeIsA503ThatSaysWhenToComeBack() {
        producer.sendException =
                new TimeoutException("Topic test.queue-requests not present in metadata after 2000 ms.");

        assertThatThrownBy(() ->
                        publisher.publish(TOPICS.queueRequests(), "e-1", JOIN).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.retryAfter()).contains("1");
                });
    }

    @Test
    void anyOtherSendErrorIsLeftAsItIs() {
        producer.sendException = new RecordTooLargeException("too large");

        assertThatThrownBy(() ->
                        publisher.publish(TOPICS.queueRequests(), "e-1", JOIN).block(Duration.ofSeconds(5)))
                .isInstanceOf(RecordTooLargeException.class);
    }
}
