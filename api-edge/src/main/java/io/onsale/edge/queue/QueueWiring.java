package io.onsale.edge.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.CommittedAnswers;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.kafka.topics.Topics;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTickets;
import io.onsale.queue.tokens.SigningKey;
import io.onsale.schema.queue.QueueEvent;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waiting room in the edge: its embedded topology, the follower of its answers, the progress view, signing,
 * and the admission check on orders. Beans here (not component-scanned classes), so slice tests of other features
 * never pick up the admission filter by accident; the queue's own slices import this configuration.
 */
@Configuration(proxyBeanMethods = false)
class QueueWiring {

    /** Without the embedded engine, the waiting room runs as its own process too (waiting-room.jar). */
    @Bean
    @DependsOn("provisionedTopics")
    @ConditionalOnProperty(name = "onsale.edge.embedded-engine", havingValue = "true", matchIfMissing = true)
    WaitingRoomStreams waitingRoomStreams(
            KafkaSettings kafka,
            QueueSettings queue,
            Topics topics,
            MeterRegistry meters,
            ApplicationEventPublisher events) {
        return new WaitingRoomStreams(kafka, queue, topics, meters, events);
    }

    /** Joins and policy changes are answered on {@code queue-events}, matched by the command's request id. */
    @Bean
    @DependsOn("provisionedTopics")
    CommittedAnswers<QueueEvent> queueAnswers(KafkaSettings settings, Topics topics) {
        // What the room does on its own (admitted batches, mode changes) answers no request: no id, nobody waits for
        // "".
        return new CommittedAnswers<>(
                settings,
                topics.queueEvents(),
                event -> event.getRequestId() == null ? "" : event.getRequestId(),
                "queue-answers");
    }

    @Bean
    @DependsOn("provisionedTopics")
    QueueProgressView queueProgressView(KafkaSettings settings, QueueSettings queue, Topics topics, Clock clock) {
        return new QueueProgressView(settings, topics, queue.admissionHistory(), clock);
    }

    @Bean
    QueueSummaries queueSummaries(QueueProgressView view) {
        return new QueueSummaries(view);
    }

    @Bean
    WaitingRoomHealth waitingRoom(
            ObjectProvider<WaitingRoomStreams> streams,
            CommittedAnswers<QueueEvent> queueAnswers,
            QueueProgressView view) {
        return new WaitingRoomHealth(streams.getIfAvailable(), queueAnswers, view);
    }

    /** Open quotes are a few dozen bytes each: 200,000 per event bounds this at about 20 MiB per busy event. */
    @Bean
    EtaAccuracy etaAccuracy() {
        return new EtaAccuracy(200_000, Duration.ofHours(2));
    }

    @Bean(destroyMethod = "close")
    QueueMetrics queueMetrics(QueueProgressView view, EtaAccuracy accuracy, MeterRegistry meters) {
        return new QueueMetrics(view, accuracy, meters);
    }

    @Bean
    QueueGateway queueGateway(
            CommandPublisher publisher,
            CommittedAnswers<QueueEvent> queueAnswers,
            Topics topics,
            KafkaSettings settings,
            MeterRegistry meters) {
        return new QueueGateway(publisher, queueAnswers, topics, settings, meters);
    }

    @Bean
    QueueSigning queueSigning(QueueSettings settings) {
        SigningKey key = SigningKey.fromSecret(settings.signingSecret());
        return new QueueSigning(new QueueTickets(key), new AdmissionTokens(key));
    }

    @Bean
    QueueStatusReader queueStatusReader(
            QueueSigning signing, QueueProgressView view, EtaAccuracy accuracy, QueueSettings settings, Clock clock) {
        return new QueueStatusReader(
                signing.tickets(), signing.admissions(), view, accuracy, clock, settings.pollInterval());
    }

    @Bean
    StatusStreams statusStreams(QueueSettings settings, MeterRegistry meters) {
        return new StatusStreams(settings.statusStreams(), settings.pollInterval(), meters);
    }

    @Bean
    FastStatusReads fastStatusReads(QueueStatusReader reader, JsonMapper json) {
        return new FastStatusReads(reader, json);
    }

    @Bean
    JoinAnswers joinAnswers(QueueSigning signing, QueueSettings settings, Clock clock) {
        return new JoinAnswers(signing.tickets(), signing.admissions(), clock, settings.pollInterval());
    }

    @Bean
    AdmissionFilter admissionFilter(QueueSigning signing, QueueProgressView view, JsonMapper json, Clock clock) {
        return new AdmissionFilter(new AdmissionCheck(signing.admissions()), view, json, clock);
    }

    @Bean
    AdmissionGate admissionGate(QueueSigning signing, QueueProgressView view, Clock clock) {
        return new AdmissionGate(new AdmissionCheck(signing.admissions()), view, clock);
    }

    /** Both signers, from one configured secret (a key derived per purpose). */
    record QueueSigning(QueueTickets tickets, AdmissionTokens admissions) {}
}
