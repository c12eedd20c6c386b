package io.onsale.edge.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Records ever written to each dead-letter topic, from the topics' end offsets: gauge {@code onsale.dlq.records}, tag
 * {@code topic}. Dead letters are written by whichever process failed to read a record (with its own producer, outside
 * any meter), so the topic itself is the one place that knows; an alert fires when the number grows. Every instance
 * reports every topic: a dashboard takes the max, never the sum.
 */
@Component
class DeadLetterMeters implements DisposableBean {

    static final Duration REFRESH = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMeters.class);

    private final Admin admin;
    private final List<String> deadLetterTopics;
    private final MultiGauge records;
    private final Disposable refreshing;

    DeadLetterMeters(Admin admin, ProvisionedTopics provisioned, MeterRegistry meters) {
        this.admin = admin;
        this.deadLetterTopics = provisioned.topics().platformTopics().stream()
                .map(TopicSpec::name)
                .map(Topics::deadLetterName)
                .toList();
        this.records = MultiGauge.builder("onsale.dlq.records")
                .description("Records ever written to a dead-letter topic")
                .baseUnit("records")
                .register(meters);
        this.refreshing = Flux.interval(Duration.ZERO, REFRESH, Schedulers.boundedElastic())
                .subscribe(tick -> refresh());
    }

    private void refresh() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(deadLetterTopics)
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(partition ->
                                    latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> endOffsets = new java.util.HashMap<>();
            ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            written(deadLetterTopics, endOffsets)
                    .forEach((topic, count) -> rows.add(MultiGauge.Row.of(Tags.of("topic", topic), count)));
            records.register(rows, true);
        } catch (Exception unreachable) {
            // The last values stay; Kafka being away shows in every other meter and in readiness.
            log.debug("dead-letter topics' end offsets not readable now: {}", unreachable.toString());
            if (unreachable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Per topic, the records ever written: the sum of its partitions' end offsets (0 for a topic not found). */
    static Map<String, Long> written(List<String> topics, Map<TopicPartition, Long> endOffsets) {
        Map<String, Long> written = new java.util.LinkedHashMap<>();
        topics.forEach(topic -> written.put(topic, 0L));
        endOffsets.forEach((partition, end) -> written.computeIfPresent(partition.topic(), (topic, sum) -> sum + end));
        return written;
    }

    @Override
    public void destroy() {
        refreshing.dispose();
    }
}
