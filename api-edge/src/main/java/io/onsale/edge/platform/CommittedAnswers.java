package io.onsale.edge.platform;

import io.onsale.kafka.topics.DecisionTiming;
import io.onsale.kafka.topics.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every committed answer on one topic ({@code read_committed}, every partition) and hands each to the
 * requests waiting for it, matched by request id (ADR 0004). Positioned at the end of the log before the web
 * server starts (phase 0 starts before the web server's lifecycle), so no answer to a command this instance
 * sends can be missed: a request registers before its command is produced. Answers nobody waits for are
 * dropped here; they stay in the log for everyone else.
 *
 * @param <V> the answer type; {@code requestIdOf} says which request an answer is for
 */
public class CommittedAnswers<V> extends CommittedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CommittedAnswers.class);

    private final TopicSpec<String, V> topic;
    private final Function<V, String> requestIdOf;
    /** Several requests may wait for one answer (a retry while the first still waits): each has its own future. */
    private final Map<String, Set<CompletableFuture<V>>> waiting = new ConcurrentHashMap<>();

    private final AtomicLong unreadable = new AtomicLong();
    private final List<Consumer<V>> everyAnswer = new CopyOnWriteArrayList<>();
    /** When each awaited answer was decided and seen, until its waiter takes it ({@link #timingOf}) or gives up. */
    private final Map<String, long[]> timings = new ConcurrentHashMap<>();

    /** @param name says what is followed, in the client id, the thread name and logs ({@code order-answers}) */
    public CommittedAnswers(
            KafkaSettings settings, TopicSpec<String, V> topic, Function<V, String> requestIdOf, String name) {
        super(settings, name);
        this.topic = topic;
        this.requestIdOf = requestIdOf;
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

    /**
     * When the answer to {@code requestId} was decided by the engine and seen here (microseconds since the epoch; decided
     * is 0 when the answer does not say), once; {@code null} when not known.
     */
    public long[] timingOf(String requestId) {
        return timings.remove(requestId);
    }

    /** Stop waiting (the caller timed out); other requests waiting for the same answer keep waiting. */
    public void forget(String requestId, CompletableFuture<V> future) {
        timings.remove(requestId);
        waiting.computeIfPresent(requestId, (id, futures) -> {
            futures.remove(future);
            return futures.isEmpty() ? null : futures;
        });
    }

    /** Tells {@code listener} every answer read, awaited or not, on the reader's thread: it must return at once. */
    public void onEveryAnswer(Consumer<V> listener) {
        everyAnswer.add(listener);
    }

    public long unreadableAnswers() {
        return unreadable.get();
    }

    @Override
    protected void position(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = partitions(consumer, topic.name());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any request can register.
        partitions.forEach(consumer::position);
    }

    @Override
    protected String whenFailed() {
        return "waiting requests will be answered 202";
    }

    @Override
    protected void accept(ConsumerRecord<String, byte[]> record) {
        V answer;
        try {
            answer = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // Not ours to dead-letter: the topology that wrote it owns the topic. Count it and go on.
            unreadable.incrementAndGet();
            log.warn(
                    "skipping unreadable answer at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }
        if (answer == null) {
            return;
        }
        for (Consumer<V> listener : everyAnswer) {
            listener.accept(answer);
        }
        String requestId = requestIdOf.apply(answer);
        Set<CompletableFuture<V>> futures = waiting.remove(requestId);
        if (futures != null) {
            long seen = AnswerTiming.nowMicros();
            timings.put(
                    requestId,
                    new long[] {DecisionTiming.decidedAtMicros(record.headers()).orElse(0), seen});
            futures.forEach(future -> future.complete(answer));
        }
    }
}
