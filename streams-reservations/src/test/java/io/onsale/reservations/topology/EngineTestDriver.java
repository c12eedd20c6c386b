package io.onsale.reservations.topology;

import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.dlq.DeadLetterHandler;
import io.onsale.kafka.dlq.DeadLetterPublisher;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The engine's whole topology in a {@link TopologyTestDriver}, opened as the topology tests open it, and its topics
 * named by their catalogue entries (name and serdes written once, in {@link Topics}).
 */
final class EngineTestDriver {

    static final Topics TOPICS = Topics.from(Topics.Settings.defaults());

    private EngineTestDriver() {}

    /** @param deadLetters what the dead-letter handler would have produced: a test asserts it stays empty */
    static TopologyTestDriver open(
            String applicationId, Path stateDir, MockProducer<byte[], byte[]> deadLetters, Instant wallClock) {
        Properties props =
                StreamsProperties.local(applicationId, "unused:9092", stateDir).toProperties();
        props.put(DeadLetterHandler.PUBLISHER_CONFIG, new DeadLetterPublisher(deadLetters));
        return new TopologyTestDriver(ReservationsTopology.build(TOPICS), props, wallClock);
    }

    static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, TopicSpec<K, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, TopicSpec<K, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
