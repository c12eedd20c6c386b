package io.onsale.edge.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One daemon thread that reads committed records ({@code read_committed}, raw bytes, no group, no commits) from
 * partitions it assigns itself, started before the web server (phase 0) and stopped after it. Subclasses say where
 * to start reading and what a record means; decoding stays theirs, so an unreadable record is theirs to count and
 * skip. If reading fails, {@link #isRunning()} turns false, which is what readiness reports.
 */
public abstract class CommittedTopicReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommittedTopicReader.class);

    private final KafkaSettings settings;
    private final String name;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread poller;
    private volatile boolean running;

    /** @param name the client id suffix, the thread name and what logs call this reader */
    protected CommittedTopicReader(KafkaSettings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Assign partitions and seek; runs in {@link #start()}, before any request can depend on this reader. */
    protected abstract void position(KafkaConsumer<String, byte[]> consumer);

    /** One record, on the reader's thread. */
    protected abstract void accept(ConsumerRecord<String, byte[]> record);

    /** After each poll, on the reader's thread. */
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {}

    /** What a failure of this reader means for the requests it serves, for the log. */
    protected abstract String whenFailed();

    protected static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    @Override
    public void start() {
        KafkaConsumer<String, byte[]> kafkaConsumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG,
                settings.applicationId() + "-" + name,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                20,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        position(kafkaConsumer);
        consumer = kafkaConsumer;
        running = true;
        poller = new Thread(this::poll, name);
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
                afterPoll(consumer);
            }
        } catch (WakeupException stopping) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("the {} reader failed; {}", name, whenFailed(), e);
            running = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> kafkaConsumer = consumer;
        if (kafkaConsumer != null) {
            kafkaConsumer.wakeup();
        }
        Thread thread = poller;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
