package io.onsale.edge.platform;

import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.schema.reservation.ReservationEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.stereotype.Component;

/**
 * Follows every committed unit decision ({@code read_committed}) and hands each to the request waiting for
 * it, matched by request id. Positioned at the end of the log before the web server starts, so no decision
 * for a request this instance sends can be missed. Decisions nobody waits for are dropped here; they stay
 * in the log for everyone else.
 */
@Component
public class ReservationDecisions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReservationDecisions.class);

    private final KafkaSettings settings;
    private final TopicSpec<String, ReservationEvent> topic;
    private final Map<String, CompletableFuture<ReservationEvent>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread poller;
    private volatile boolean running;

    ReservationDecisions(KafkaSettings settings, ProvisionedTopics provisioned) {
        this.settings = settings;
        this.topic = provisioned.topics().reservationEvents();
    }

    /** The decision for a request; register before sending the command. Retries of one request share it. */
    public CompletableFuture<ReservationEvent> await(String requestId) {
        return waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** Stop waiting (the caller timed out); a later retry registers again. */
    public void forget(String requestId, CompletableFuture<ReservationEvent> future) {
        waiting.remove(requestId, future);
    }

    public long unreadableDecisions() {
        return unreadable.get();
    }

    @Override
    public void start() {
        KafkaConsumer<String, byte[]> kafkaConsumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-decisions",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = kafkaConsumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        kafkaConsumer.assign(partitions);
        kafkaConsumer.seekToEnd(partitions);
        partitions.forEach(kafkaConsumer::position);
        consumer = kafkaConsumer;
        running = true;
        poller = new Thread(this::poll, "reservation-decisions");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    dispatch(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us up
        } catch (RuntimeException e) {
            // Readiness turns DOWN (isRunning), so this instance stops taking orders it could not answer.
            log.error("the decision follower failed; waiting requests will be answered 202", e);
            running = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        ReservationEvent event;
        try {
            event = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // Not ours to dead-letter: the topology that wrote it owns the topic. Count it and go on.
            unreadable.incrementAndGet();
            log.warn("skipping unreadable decision at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (event == null) {
            return;
        }
        CompletableFuture<ReservationEvent> future = waiting.remove(event.getRequestId());
        if (future != null) {
            future.complete(event);
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
