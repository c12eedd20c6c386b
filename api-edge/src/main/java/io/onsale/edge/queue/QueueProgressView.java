package io.onsale.edge.queue;

import io.onsale.edge.platform.CommittedTopicReader;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueuePlaceStatus;
import io.onsale.schema.queue.QueueProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Every event's waiting-room progress, on every instance: the latest {@code queue-progress} record per event (the
 * compacted topic read from its beginning) and the recent admitted batches from {@code queue-events} (read from
 * {@code now − admissionHistory}), and the admitted places given up since ({@code LEFT}). Status is answered from here alone, for any ticket of any event, without a
 * per-buyer lookup and without asking the instance that runs the event's room.
 *
 * <p>Why a consumer cache and not a global store: the status stream must be <em>pushed</em> each change, and a global
 * store tells nobody when it changes; the view is one small record per event plus a few batches, so a map fed by one
 * {@code read_committed} consumer is both the store and the change feed ({@link #changes()}).
 */
class QueueProgressView extends CommittedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(QueueProgressView.class);

    private final Topics topics;
    private final Duration history;
    private final Clock clock;
    private final Map<String, QueueProgress> progress = new ConcurrentHashMap<>();
    private final Map<String, AdmittedBatches> admissions = new ConcurrentHashMap<>();
    private final Map<String, GivenUpPlaces> givenUp = new ConcurrentHashMap<>();
    /** The id of each event whose progress or admissions changed; emitted by the one polling thread only. */
    private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

    private final Sinks.Many<AdmittedBatches.Admission> admitted =
            Sinks.many().multicast().directBestEffort();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile Map<TopicPartition, Long> endsAtStart = Map.of();
    private volatile boolean caughtUp;

    QueueProgressView(KafkaSettings settings, Topics topics, Duration history, Clock clock) {
        super(settings, "queue-progress-view");
        this.topics = topics;
        this.history = history;
        this.clock = clock;
    }

    Optional<QueueProgress> progress(String eventId) {
        return Optional.ofNullable(progress.get(eventId));
    }

    AdmittedBatches.Lookup admission(String eventId, long position) {
        AdmittedBatches batches = admissions.get(eventId);
        return batches == null ? new AdmittedBatches.Lookup.NotYetSeen() : batches.find(position);
    }

    /** Whether the buyer admitted at {@code position} has left the queue since (read from the room's LEFT answers). */
    boolean givenUp(String eventId, String buyerId, long position) {
        GivenUpPlaces places = givenUp.get(eventId);
        return places != null && places.contains(buyerId, position);
    }

    /** Event ids, each time that event's progress or admissions change here. */
    Flux<String> changes() {
        return changes.asFlux();
    }

    /** Each admitted batch as it is read here (history read at start included). */
    Flux<AdmittedBatches.Admission> admissions() {
        return admitted.asFlux();
    }

    /** Everything committed before this instance started has been read. */
    boolean caughtUp() {
        return caughtUp;
    }

    long unreadable() {
        return unreadable.get();
    }

    @Override
    protected void position(KafkaConsumer<String, byte[]> kafkaConsumer) {
        List<TopicPartition> progressPartitions =
                partitions(kafkaConsumer, topics.queueProgress().name());
        List<TopicPartition> eventPartitions =
                partitions(kafkaConsumer, topics.queueEvents().name());
        List<TopicPartition> all = new ArrayList<>(progressPartitions);
        all.addAll(eventPartitions);
        kafkaConsumer.assign(all);
        kafkaConsumer.seekToBeginning(progressPartitions);
        long since = clock.instant().minus(history).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        eventPartitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafkaConsumer.offsetsForTimes(times, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(all, Duration.ofSeconds(30));
        for (TopicPartition partition : eventPartitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            kafkaConsumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
        }
        endsAtStart = ends;
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> kafkaConsumer) {
        if (!caughtUp) {
            caughtUp = endsAtStart.entrySet().stream()
                    .allMatch(end -> kafkaConsumer.position(end.getKey()) >= end.getValue());
        }
    }

    @Override
    protected String whenFailed() {
        return "status reads will be answered 503";
    }

    @Override
    protected void accept(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.queueProgress().name())) {
                QueueProgress value =
                        topics.queueProgress().valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (value != null) {
                    progress.put(value.getEventId(), value);
                    changes.tryEmitNext(value.getEventId());
                }
            } else {
                QueueEvent event =
                        topics.queueEvents().valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (event != null) {
                    accept(event);
                }
            }
        } catch (RuntimeException e) {
            // Not ours to dead-letter: the waiting room that wrote it owns the topic. Count it and go on.
            unreadable.incrementAndGet();
            log.warn(
                    "skipping unreadable record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    /** An admitted batch, or one buyer passed straight through at join (a JOINED answer that is already admitted). */
    static Optional<AdmittedBatches.Batch> batchOf(QueueEvent event) {
        if (event.getAdmittedAt() == null || event.getWindowEndsAt() == null) {
            return Optional.empty();
        }
        if (event.getType() == QueueEventType.ADMITTED
                && event.getFromPosition() != null
                && event.getToPosition() != null) {
            return Optional.of(new AdmittedBatches.Batch(
                    event.getFromPosition(), event.getToPosition(), event.getAdmittedAt(), event.getWindowEndsAt()));
        }
        if (event.getType() == QueueEventType.JOINED
                && !event.getDuplicate()
                && event.getStatus() == QueuePlaceStatus.ADMITTED
                && event.getPosition() != null) {
            return Optional.of(new AdmittedBatches.Batch(
                    event.getPosition(), event.getPosition(), event.getAdmittedAt(), event.getWindowEndsAt()));
        }
        return Optional.empty();
    }

    /** A room's decision as read from {@code queue-events} (or handed in by a test). */
    void accept(QueueEvent event) {
        batchOf(event).ifPresent(batch -> accept(event.getEventId(), batch));
        if (event.getType() == QueueEventType.LEFT
                && event.getBuyerId() != null
                && event.getPosition() != null
                && event.getWindowEndsAt() != null) {
            // An admitted place given up: its admission token must stop working (a waiting place has none).
            givenUp.computeIfAbsent(event.getEventId(), id -> new GivenUpPlaces())
                    .add(event.getBuyerId(), event.getPosition(), event.getWindowEndsAt(), clock.instant());
        }
    }

    /** For tests: a progress record as if read from the topic. */
    void accept(QueueProgress value) {
        progress.put(value.getEventId(), value);
        changes.tryEmitNext(value.getEventId());
    }

    /** An admitted batch, read from the topic (or handed in by a test). */
    void accept(String eventId, AdmittedBatches.Batch batch) {
        admissions.computeIfAbsent(eventId, id -> new AdmittedBatches(history)).add(batch, clock.instant());
        changes.tryEmitNext(eventId);
        admitted.tryEmitNext(new AdmittedBatches.Admission(eventId, batch));
    }
}
