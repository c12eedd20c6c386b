package io.onsale.edge.payment;

import io.onsale.edge.platform.KafkaSettings;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.payment.PaymentEvent;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorizations on {@code payment-events} (committed records only) with no capture or void after them: an
 * {@code AUTHORIZED} opens one, a {@code CAPTURED} or {@code VOIDED} of the same payment closes it. Read from
 * {@code now − lookback} on every partition, so every instance knows them all; which instance settles one is the
 * reconciliation's business. Until it has read what was committed before the start it is not {@link #caughtUp()},
 * and nothing is settled on a partial picture.
 */
class OpenAuthorizations extends io.onsale.edge.platform.CommittedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(OpenAuthorizations.class);

    private final String topic;
    private final Deserializer<PaymentEvent> decoder;
    private final ReconciliationSettings settings;
    private final Clock clock;
    private final Map<String, OpenAuthorization> open = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private Map<TopicPartition, Long> endAtStart = Map.of();
    private volatile boolean caughtUp;

    OpenAuthorizations(KafkaSettings kafka, Topics topics, ReconciliationSettings settings, Clock clock) {
        super(kafka, "open-authorizations");
        this.topic = topics.paymentEvents().name();
        this.decoder = topics.paymentEvents().valueSerde().deserializer();
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void position(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        long from = clock.instant().minus(settings.lookback()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        endAtStart = ends;
    }

    @Override
    protected void accept(ConsumerRecord<String, byte[]> record) {
        PaymentEvent event;
        try {
            event = decoder.deserialize(record.topic(), record.value());
        } catch (RuntimeException unreadableRecord) {
            unreadable.incrementAndGet();
            log.warn(
                    "skipped an unreadable payment event at {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    unreadableRecord);
            return;
        }
        switch (event.getStatus()) {
            case AUTHORIZED -> {
                if (event.getAuthorizationId() == null) {
                    // Recorded before authorization ids were: nothing to capture or void by; the provider expires it.
                    log.warn(
                            "payment {} was authorized without a recorded authorization id: not reconcilable",
                            event.getPaymentId());
                    return;
                }
                open.put(
                        event.getPaymentId(),
                        new OpenAuthorization(
                                event.getPaymentId(),
                                event.getOrderId(),
                                event.getBuyerId(),
                                event.getAuthorizationId(),
                                event.getAmountMinor(),
                                event.getCurrency(),
                                event.getOccurredAt()));
            }
            case CAPTURED, VOIDED -> open.remove(event.getPaymentId());
            default -> {
                // FAILED: nothing was authorized; UNKNOWN: a status this edge does not know yet.
            }
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        if (!caughtUp
                && endAtStart.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            caughtUp = true;
            log.info("read payment-events up to the start: {} authorizations open", open.size());
        }
    }

    @Override
    protected String whenFailed() {
        return "authorizations nobody settled are not reconciled by this instance until it restarts";
    }

    boolean caughtUp() {
        return caughtUp && isRunning();
    }

    List<OpenAuthorization> snapshot() {
        return List.copyOf(open.values());
    }

    /** This instance settled it: forget it now rather than when its record comes back, so it is not settled twice. */
    void settled(String paymentId) {
        open.remove(paymentId);
    }
}
