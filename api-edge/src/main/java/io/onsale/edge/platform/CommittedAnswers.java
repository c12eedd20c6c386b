package io.onsale.edge.platform;

import io.onsale.kafka.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
 * Follows every committed answer on one topic ({@code read_committed}, every partition) and hands each to the
 * requests waiting for it, matched by request id (ADR 0004). Positioned at the end of the log before the web
 * server starts (phase 0 starts before the web server's lifecycle), so no answer to a command this instance
 * sends can be missed: a request registers before its command is produced. Answers nobody waits for are
 * dropped here; they stay in the log for everyone else.
 *
 * @param <V> the answer type; {@code requestIdOf} says which request an answer is for
 */
public class CommittedAnswers<V> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommittedAnswers.class);

    private final KafkaSettings settings;
    private final TopicSpec<String, V> topic;
    private final Function<V, String> requestIdOf;
    private final String name;
    /** Several requests may wait for one answer (a retry while the first still waits): each has its own future. */
    private final Map<String, Set<CompletableFuture<V>>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread poller;
    private volatile boolean running;

    /** @param name says what is followed, in the client id, the thread name and logs ({@code order-answers}) */
    public CommittedAnswers(KafkaSettings settings, TopicSpec<String, V> topic, Function<V, String> requestIdOf, String name) {
        this.settings = settings;
        this.topic = topic;
        this.requestIdOf = requestIdOf;
        this.name = name;
    }

    /**
     * The answer for a request, once committed. Register before sending the command; {@link #forget} it when
     * the caller stops waiting, or it is dropped when the answer arrives.
     */
    public CompletableFuture<V> await(String requestId) {
        CompletableFuture<V> future = new CompletableFuture<>();
        // Added inside compute, atomically with the follower's remove: never into a set already handed its answer.
        waiting.compute(requestId, (id, futures) -> {
            Set<CompletableFuture<V>> all = futures == null ? ConcurrentHashMap.newKeySet() : futures;
            all.add(future);
            return all;
        });
        return future;
    }

    /** Stop waiting (the caller timed out); other requests waiting for the same answer keep waiting. */
    public void forget(String requestId, CompletableFuture<V> future) {
        waiting.computeIfPresent(requestId, (id, futures) -> {
            futures.remove(future);
            return futures.isEmpty() ? null : futures;
        });
    }

    public long unreadableAnswers() {
        return unreadable.get();
    }

    public String name() {
        return name;
    }

    @Override
    public void start() {
        KafkaConsumer<String, byte[]> kafkaConsumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-" + name,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = kafkaConsumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        kafkaConsumer.assign(partitions);
        kafkaConsumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any request can register.
        partitions.forEach(kafkaConsumer::position);
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
                    dispatch(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us up
        } catch (RuntimeException e) {
            // Readiness turns DOWN (isRunning), so this instance stops taking commands it could not answer.
            log.error("the {} follower failed; waiting requests will be answered 202", name, e);
            running = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        V answer;
        try {
            answer = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // Not ours to dead-letter: the topology that wrote it owns the topic. Count it and go on.
            unreadable.incrementAndGet();
            log.warn("skipping unreadable answer at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (answer == null) {
            return;
        }
        Set<CompletableFuture<V>> futures = waiting.remove(requestIdOf.apply(answer));
        if (futures != null) {
            futures.forEach(future -> future.complete(answer));
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
