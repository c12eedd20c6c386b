package io.onsale.edge.testing;

import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.payment.PaymentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything committed on an edge's {@code payment-events} topic so far, read from the beginning to the end. */
public final class PaymentEventsLog {

    private PaymentEventsLog() {
    }

    /** Every committed payment event, in partition order (all of one order are on one partition, in order). */
    public static List<PaymentEvent> read(Topics topics) {
        List<PaymentEvent> events = new ArrayList<>();
        String topic = topics.paymentEvents().name();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record ->
                        events.add(topics.paymentEvents().valueSerde().deserializer().deserialize(topic, record.value())));
            }
        }
        return events;
    }

    /** Per order, its payment steps in order: {@code AUTHORIZED}, {@code CAPTURED}, {@code FAILED}, {@code VOIDED:<why>}. */
    public static Map<String, List<String>> stepsByOrder(Topics topics) {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        for (PaymentEvent event : read(topics)) {
            steps.computeIfAbsent(event.getOrderId(), order -> new ArrayList<>()).add(step(event));
        }
        return steps;
    }

    /** One order's payment steps, empty when it has none. */
    public static List<String> stepsOf(Topics topics, String orderId) {
        return stepsByOrder(topics).getOrDefault(orderId, List.of());
    }

    private static String step(PaymentEvent event) {
        return switch (event.getStatus()) {
            case VOIDED -> "VOIDED:" + event.getReason();
            default -> event.getStatus().name();
        };
    }
}
