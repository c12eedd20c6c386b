package io.onsale.kafka.topics;

import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.ops.AlertEvent;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderUpdate;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueProgress;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.SectionCommand;
import io.onsale.schema.reservation.SectionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue: every topic of the platform, declared once. Names are wire contracts; a
 * deployment may only put a prefix in front of all of them (tests use one per run). Every topic
 * {@code X} has a dead-letter topic {@code X-dlq} for records that could not be read or processed.
 */
public record Topics(
        TopicSpec<String, EventConfig> eventConfig,
        TopicSpec<String, EventConfig> eventCatalog,
        TopicSpec<String, OrderCommand> orderRequests,
        TopicSpec<String, ReservationCommand> reservationRequests,
        TopicSpec<String, ReservationEvent> reservationEvents,
        TopicSpec<String, OrderEvent> orderEvents,
        TopicSpec<String, QueueCommand> queueRequests,
        TopicSpec<String, QueueProgress> queueProgress,
        TopicSpec<String, PaymentEvent> paymentEvents,
        TopicSpec<String, OrderUpdate> orderUpdates,
        TopicSpec<String, SectionCommand> sectionRequests,
        TopicSpec<String, SectionSummary> sectionSummaries,
        TopicSpec<String, QueueEvent> queueEvents,
        TopicSpec<String, OrderCommand> holdRequests,
        TopicSpec<String, AlertEvent> alerts) {

    public static final String DEAD_LETTER_SUFFIX = "-dlq";

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    /** How a deployment sizes and names its topics. */
    public record Settings(String prefix, int partitions, int configPartitions) {
        public Settings {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.isEmpty() && !prefix.matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("topic prefix may only hold a-z, 0-9, '.' and '-': " + prefix);
            }
        }

        public static Settings defaults() {
            return new Settings("", 12, 3);
        }

        public Settings withPrefix(String newPrefix) {
            return new Settings(newPrefix, partitions, configPartitions);
        }
    }

    public static Topics from(Settings settings) {
        String p = settings.prefix();
        int hot = settings.partitions();
        int config = settings.configPartitions();
        Serde<String> key = Serdes.String();
        return new Topics(
                new TopicSpec<>(
                        p + "event-config",
                        key,
                        AvroSerdes.of(EventConfig.class),
                        config,
                        CleanupPolicy.COMPACT,
                        null,
                        TopicSpec.LARGE_MESSAGE_BYTES),
                new TopicSpec<>(
                        p + "event-catalog",
                        key,
                        AvroSerdes.of(EventConfig.class),
                        config,
                        CleanupPolicy.COMPACT,
                        null,
                        TopicSpec.LARGE_MESSAGE_BYTES),
                new TopicSpec<>(
                        p + "order-requests", key, AvroSerdes.of(OrderCommand.class), hot, CleanupPolicy.DELETE, WEEK),
                new TopicSpec<>(
                        p + "reservation-requests",
                        key,
                        AvroSerdes.of(ReservationCommand.class),
                        hot,
                        CleanupPolicy.DELETE,
                        WEEK),
                new TopicSpec<>(
                        p + "reservation-events",
                        key,
                        AvroSerdes.of(ReservationEvent.class),
                        hot,
                        CleanupPolicy.DELETE,
                        MONTH),
                new TopicSpec<>(
                        p + "order-events", key, AvroSerdes.of(OrderEvent.class), hot, CleanupPolicy.DELETE, MONTH),
                new TopicSpec<>(
                        p + "queue-requests", key, AvroSerdes.of(QueueCommand.class), hot, CleanupPolicy.DELETE, WEEK),
                new TopicSpec<>(
                        p + "queue-progress",
                        key,
                        AvroSerdes.of(QueueProgress.class),
                        hot,
                        CleanupPolicy.COMPACT,
                        null),
                new TopicSpec<>(
                        p + "payment-events", key, AvroSerdes.of(PaymentEvent.class), hot, CleanupPolicy.DELETE, MONTH),
                // The engine's own hops: unit decisions routed back to their order, and everything a section's
                // allocator hears. Same partition count as the inputs they are joined with.
                new TopicSpec<>(
                        p + "order-updates", key, AvroSerdes.of(OrderUpdate.class), hot, CleanupPolicy.DELETE, WEEK),
                new TopicSpec<>(
                        p + "section-requests",
                        key,
                        AvroSerdes.of(SectionCommand.class),
                        hot,
                        CleanupPolicy.DELETE,
                        WEEK),
                new TopicSpec<>(
                        p + "section-summaries",
                        key,
                        AvroSerdes.of(SectionSummary.class),
                        hot,
                        CleanupPolicy.COMPACT,
                        null),
                // The waiting room's decisions: join answers (matched by request id), admitted batches, mode changes.
                new TopicSpec<>(
                        p + "queue-events", key, AvroSerdes.of(QueueEvent.class), hot, CleanupPolicy.DELETE, WEEK),
                // Orders for one section, keyed eventId|sectionId: decided and answered where the section's units live,
                // in one step (ADR 0009). Same partition count as reservation-requests, whose unit keys are partitioned
                // by their section (SectionPartitioning), so both land on the same task.
                new TopicSpec<>(
                        p + "hold-requests", key, AvroSerdes.of(OrderCommand.class), hot, CleanupPolicy.DELETE, WEEK),
                // Alert transitions each edge instance decides over its own meters (FIRING, RESOLVED), keyed
                // alertName|instance (AlertKeys) so one alert's transitions stay in order. A handful per sale: one
                // partition, kept a month like the other records an operator reads after the fact.
                new TopicSpec<>(p + "alerts", key, AvroSerdes.of(AlertEvent.class), 1, CleanupPolicy.DELETE, MONTH));
    }

    /** The platform's own topics, without their dead-letter topics. */
    public List<TopicSpec<?, ?>> platformTopics() {
        return List.of(
                eventConfig,
                eventCatalog,
                orderRequests,
                reservationRequests,
                reservationEvents,
                orderEvents,
                queueRequests,
                queueProgress,
                paymentEvents,
                orderUpdates,
                sectionRequests,
                sectionSummaries,
                queueEvents,
                holdRequests,
                alerts);
    }

    /** The dead-letter topic of a topic: raw bytes as read, the error in headers, kept a month. */
    public static TopicSpec<byte[], byte[]> deadLetterOf(TopicSpec<?, ?> source) {
        return new TopicSpec<>(
                deadLetterName(source.name()),
                Serdes.ByteArray(),
                Serdes.ByteArray(),
                1,
                CleanupPolicy.DELETE,
                MONTH,
                source.maxMessageBytes());
    }

    public static String deadLetterName(String sourceTopic) {
        return sourceTopic + DEAD_LETTER_SUFFIX;
    }

    /** Everything the provisioner creates: platform topics and their dead-letter topics. */
    public List<TopicSpec<?, ?>> all() {
        List<TopicSpec<?, ?>> all = new ArrayList<>(platformTopics());
        platformTopics().forEach(topic -> all.add(deadLetterOf(topic)));
        return List.copyOf(all);
    }
}
